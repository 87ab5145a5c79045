import pg from 'pg';

export type Pool = pg.Pool;
/** A pool or one of its clients: store functions run on either (a client when inside a transaction). */
export type Queryable = Pick<pg.Pool, 'query'>;

export interface CreatePoolOptions {
  /** Default 10. */
  max?: number;
  /** Called with errors of idle connections (a restarted server), which would otherwise crash the process. */
  onIdleError?: (error: Error) => void;
}

/** A pg pool whose idle-connection errors are reported instead of crashing the process. */
export function createPool(databaseUrl: string, options: CreatePoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** Runs `work` in one transaction on one client; rolls back on any error. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

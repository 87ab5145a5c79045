// The whole hosted stack of the code labs on loopback, as a browser sees it: real PostgreSQL and Redis
// (@archlab/services), the API serving the built web app on one origin, and one grading worker. Each
// resource is registered for teardown the moment it is acquired; `close()` releases them in reverse.
import { randomUUID } from 'node:crypto';
import { createApi, createPool, migrate } from '@archlab/api';
import type { Api } from '@archlab/api';
import { startPostgres, startRedis } from '@archlab/services';
import { startGradingWorker } from '@archlab/worker';
import type { ServedApp } from '../../scripts/serve-app.ts';

export interface LabStack extends ServedApp {
  api: Api;
  databaseUrl: string;
}

export interface LabStackOptions {
  /** The built web app the API serves under /. Default: none (API only). */
  webDist?: string;
  /** The API's per-client limit. Default 100. */
  submissionsPerMinute?: number;
}

export async function startLabStack(options: LabStackOptions = {}): Promise<LabStack> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    const errors: unknown[] = [];
    for (const closer of closers.splice(0).reverse()) await closer().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw new AggregateError(errors, 'the lab stack did not close cleanly');
  };
  try {
    const postgres = await startPostgres();
    closers.push(() => postgres.stop());
    const database = await postgres.createDatabase();
    closers.push(() => database.drop());
    const redis = await startRedis();
    closers.push(() => redis.stop());

    const pool = createPool(database.url, { max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
    // A queue of its own, so that nothing else on this Redis could take (or feed) its jobs.
    const queueName = `web-e2e-${randomUUID().slice(0, 8)}`;
    const api = await createApi({
      databaseUrl: database.url,
      redisUrl: redis.url,
      queueName,
      submissionsPerMinute: options.submissionsPerMinute ?? 100,
      streamPollMs: 500,
      ...(options.webDist ? { webDist: options.webDist } : {}),
    });
    closers.push(() => api.close());
    const origin = await api.listen(0);
    const worker = await startGradingWorker({ databaseUrl: database.url, redisUrl: redis.url, queueName });
    closers.push(() => worker.close({ drainTimeoutMs: 0 }));
    return { url: `${origin}/`, api, databaseUrl: database.url, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

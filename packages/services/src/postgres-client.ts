import { Client } from 'pg';

export interface ClientTimeouts {
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Client-side limit per query. Default 60000 ms. */
  queryTimeoutMs?: number;
}

/** Runs `use` on a fresh connection to `url` and always closes it; fresh connections survive server restarts. */
export async function withClient<T>(url: string, use: (client: Client) => Promise<T>, timeouts: ClientTimeouts = {}): Promise<T> {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: timeouts.connectTimeoutMs ?? 5000,
    query_timeout: timeouts.queryTimeoutMs ?? 60_000,
  });
  // A server killed under an idle client emits 'error' on it; without a listener that would crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** True when a connection to `url` completes its startup (the server accepts sessions). */
export async function acceptsConnections(url: string, timeoutMs: number): Promise<boolean> {
  try {
    return await withClient(url, async () => true, { connectTimeoutMs: timeoutMs });
  } catch {
    return false;
  }
}

/** `SHOW server_version` without the distribution suffix: "15.18 (Debian ...)" -> "15.18". */
export async function postgresVersion(url: string): Promise<string> {
  const version = await withClient(url, async (client) => {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });
  return version.split(' ')[0] ?? version;
}

/** Quotes an identifier for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The same URL pointing at another database. */
export function urlForDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

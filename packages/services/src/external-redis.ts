import { randomBytes } from 'node:crypto';
import { onTeardown } from '@archlab/proc';
import type { Redis as RedisClient } from 'ioredis';
import { describeError } from './describe-error.ts';
import { ServiceUnavailableError } from './errors.ts';
import { once } from './once.ts';
import { redactUrl } from './redact-url.ts';
import type { RedisInstance } from './types.ts';
import { unsupportedFaults } from './unsupported-faults.ts';

/** Lease keys live in logical database 0; databases 1..N-1 are handed out, one per instance. */
const leaseKeyPrefix = 'archlab:services:db-lease:';
/** A crashed owner's lease expires after this long. */
const leaseMs = 60_000;
const refreshEveryMs = leaseMs / 3;

const refreshLease = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const releaseLease = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

function unavailable(detail: string): ServiceUnavailableError {
  return new ServiceUnavailableError('redis', [`external: ${detail}`]);
}

async function withRedis<T>(url: string, use: (client: RedisClient) => Promise<T>): Promise<T> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, {
    db: 0,
    lazyConnect: true,
    connectTimeout: 3000,
    commandTimeout: 5000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // With retries off, connect() only says "Connection is closed"; the 'error' event has the reason.
  let connectError: Error | undefined;
  client.on('error', (error: Error) => {
    connectError ??= error;
  });
  try {
    await client.connect().catch((error: unknown) => {
      throw connectError ?? error;
    });
    return await use(client);
  } finally {
    client.disconnect();
  }
}

async function databaseCount(client: RedisClient): Promise<number> {
  try {
    const reply = (await client.config('GET', 'databases')) as string[];
    return Number(reply[1]) || 16;
  } catch {
    // Managed Redis often disables CONFIG; 16 is Redis's default.
    return 16;
  }
}

/** Leases the first free logical database (1..N-1) and empties it; returns its index and the server version. */
async function leaseDatabase(url: string, token: string): Promise<{ db: number; version: string }> {
  return withRedis(url, async (client) => {
    const count = await databaseCount(client);
    for (let db = 1; db < count; db++) {
      const leased = await client.set(`${leaseKeyPrefix}${db}`, token, 'PX', leaseMs, 'NX');
      if (leased !== 'OK') continue;
      await client.select(db);
      await client.flushdb();
      const info = await client.info('server');
      return { db, version: /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown' };
    }
    throw unavailable(`all ${count - 1} logical databases of ${redactUrl(url)} are leased by other runs`);
  });
}

/**
 * An external Redis (ARCHLAB_REDIS_URL) shared by many runs: each instance leases its own logical database
 * (1..N-1, lease keys in database 0, renewed while in use), empty at start and flushed at stop. The URL's own
 * database index is ignored. Point it at a Redis dedicated to archlab: leased databases are flushed.
 */
export async function startExternalRedis(rawUrl: string, signal?: AbortSignal): Promise<RedisInstance> {
  signal?.throwIfAborted();
  let base: URL;
  try {
    base = new URL(rawUrl);
  } catch {
    throw unavailable(`ARCHLAB_REDIS_URL is not a URL: ${JSON.stringify(redactUrl(rawUrl))}`);
  }
  if (base.protocol !== 'redis:' && base.protocol !== 'rediss:') {
    throw unavailable(`ARCHLAB_REDIS_URL must start with redis:// or rediss://, got ${redactUrl(rawUrl)}`);
  }
  const token = randomBytes(8).toString('hex');
  let leased: { db: number; version: string };
  try {
    leased = await leaseDatabase(rawUrl, token);
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    throw unavailable(`could not use ${redactUrl(rawUrl)}: ${describeError(error)}`);
  }
  const leaseKey = `${leaseKeyPrefix}${leased.db}`;
  const refresher = setInterval(() => {
    void withRedis(rawUrl, (client) => client.eval(refreshLease, 1, leaseKey, token, leaseMs)).catch(() => undefined);
  }, refreshEveryMs);
  refresher.unref();
  const stop = once(onTeardown(`external redis database ${leased.db}`, async () => {
    clearInterval(refresher);
    await withRedis(rawUrl, async (client) => {
      await client.select(leased.db);
      await client.flushdb();
      await client.select(0);
      await client.eval(releaseLease, 1, leaseKey, token);
    });
  }));
  const url = new URL(rawUrl);
  url.pathname = `/${leased.db}`;
  return {
    url: url.toString(),
    host: url.hostname,
    port: Number(url.port || 6379),
    info: { provider: 'external', version: leased.version },
    faults: unsupportedFaults('redis'),
    stop,
  };
}

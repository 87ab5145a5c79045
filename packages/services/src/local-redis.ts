import { randomBytes } from 'node:crypto';
import { makeTempDir, spawnManaged } from '@archlab/proc';
import { LocalServer } from './local-server.ts';
import { answersPing, redisVersion } from './redis-wire.ts';
import type { RedisInstance } from './types.ts';

const host = '127.0.0.1';

/**
 * Flags for a throwaway server: loopback only, a password of its own (every run's code shares loopback, so
 * one run must not reach another's Redis, nor a platform Redis started here), nothing persisted, files (if
 * a client asks for a SAVE) in its own dir.
 */
function redisArgs(port: number, dir: string, password: string): string[] {
  return [
    '--port', String(port),
    '--bind', host,
    '--requirepass', password,
    '--protected-mode', 'no',
    '--daemonize', 'no',
    '--save', '',
    '--appendonly', 'no',
    '--dir', dir,
    '--logfile', '',
  ];
}

/** A fresh redis-server of its own on a free loopback port. */
export async function startLocalRedis(redisServer: string, signal?: AbortSignal): Promise<RedisInstance> {
  signal?.throwIfAborted();
  const dir = await makeTempDir('archlab-redis-');
  const password = randomBytes(18).toString('hex');
  const server = await LocalServer.start(
    {
      service: 'redis',
      spawn: (port) =>
        spawnManaged(redisServer, redisArgs(port, dir.path, password), {
          label: `redis-server :${port}`,
          cwd: dir.path,
          outputCapBytes: 64 * 1024,
          graceMs: 0,
        }),
      answers: (port) => answersPing(host, port, password),
      transientFailure: (output) => /address already in use/i.test(output),
      readyTimeoutMs: 10_000,
      readyIntervalMs: 5,
      // Nothing to save, and a SIGTERM waits for Redis's next 100 ms cron tick: kill it at once.
      shutdown: async (server) => void (await server.stop(0)),
      release: () => dir.remove(),
    },
    signal,
  );
  let version: string;
  try {
    version = await redisVersion(host, server.port, password);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: `redis://:${password}@${host}:${server.port}`,
    host,
    port: server.port,
    info: { provider: 'local', version },
    faults: server.faults,
    stop: () => server.stop(),
  };
}

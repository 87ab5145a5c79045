import { randomBytes } from 'node:crypto';
import { startContainer } from './docker-server.ts';
import { answersPing, redisVersion } from './redis-wire.ts';
import type { RedisInstance } from './types.ts';

/**
 * redis:7 in a container. Docker publishes ports on every interface, so the server gets a random password
 * (carried in the URL) instead of relying on a loopback bind. No persistence: a restart comes back empty.
 */
export async function startDockerRedis(signal?: AbortSignal): Promise<RedisInstance> {
  const password = randomBytes(12).toString('hex');
  const server = await startContainer(
    {
      service: 'redis',
      image: 'redis:7',
      containerPort: 6379,
      command: ['redis-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--requirepass', password],
      answers: (host, port) => answersPing(host, port, password),
      readyTimeoutMs: 120_000,
    },
    signal,
  );
  try {
    const version = await redisVersion(server.host, server.port, password);
    return {
      url: `redis://:${password}@${server.host}:${server.port}`,
      host: server.host,
      port: server.port,
      info: { provider: 'docker', version },
      faults: server.faults,
      stop: server.stop,
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

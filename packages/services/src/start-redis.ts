import { findRedisServer } from './binaries.ts';
import { startDockerRedis } from './docker-redis.ts';
import { startExternalRedis } from './external-redis.ts';
import { startLocalRedis } from './local-redis.ts';
import { ProviderMissing, provision } from './provider-choice.ts';
import type { RedisInstance, StartServiceOptions } from './types.ts';

/**
 * A fresh, empty Redis per call: local -> its own redis-server on a free loopback port; docker -> its own
 * redis:7 container; external -> its own leased logical database on ARCHLAB_REDIS_URL (faults unsupported).
 */
export function startRedis(options: StartServiceOptions = {}): Promise<RedisInstance> {
  const env = options.env ?? process.env;
  return provision({
    service: 'redis',
    env,
    urlVariable: 'ARCHLAB_REDIS_URL',
    external: (url) => startExternalRedis(url, options.signal),
    docker: () => startDockerRedis(options.signal),
    local: async () => {
      const binary = await findRedisServer(env);
      if ('missing' in binary) throw new ProviderMissing(binary.missing);
      return startLocalRedis(binary.found, options.signal);
    },
  });
}

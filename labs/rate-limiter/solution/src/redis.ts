import { Redis } from 'ioredis';

/**
 * A client that never makes a request wait for Redis: no offline queue (commands fail at once while
 * disconnected), a short command timeout (a hung Redis), and reconnection forever with a capped backoff.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout: 250,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
  });
  let warned = false;
  redis.on('error', (error) => {
    if (!warned) console.error(`redis: ${error.message}; failing open until it is back`);
    warned = true;
  });
  redis.on('ready', () => {
    warned = false;
  });
  return redis;
}

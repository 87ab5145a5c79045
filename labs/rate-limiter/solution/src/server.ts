import { serve } from './http.ts';
import { connectRedis } from './redis.ts';
import { tokenBucket } from './token-bucket.ts';

const port = Number(process.env.PORT ?? 3000);
const limit = Number(process.env.RATE_LIMIT ?? 20);
const windowMs = Number(process.env.RATE_WINDOW_MS ?? 1000);

const redis = connectRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const server = serve({ port, limit, limiter: tokenBucket(redis, limit, windowMs) });

process.on('SIGTERM', () => {
  server.close();
  redis.disconnect();
});

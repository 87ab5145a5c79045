// Known-bad: the reference token bucket on an ioredis client with its defaults. While Redis is down the
// client queues commands and retries them, so requests hang instead of failing open.
import { Redis } from 'ioredis';
import { serve } from '../../../solution/src/http.ts';
import { tokenBucket } from '../../../solution/src/token-bucket.ts';

const limit = Number(process.env.RATE_LIMIT);
const windowMs = Number(process.env.RATE_WINDOW_MS);
const redis = new Redis(process.env.REDIS_URL!);
redis.on('error', () => undefined);
serve({ port: Number(process.env.PORT), limit, limiter: tokenBucket(redis, limit, windowMs) });

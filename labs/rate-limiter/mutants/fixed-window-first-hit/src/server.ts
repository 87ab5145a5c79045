// Known-bad: a fixed window that starts at a key's first request. 2L can pass around its end.
import { serve } from '../../../solution/src/http.ts';
import { connectRedis } from '../../../solution/src/redis.ts';

const limit = Number(process.env.RATE_LIMIT);
const windowMs = Number(process.env.RATE_WINDOW_MS);
const redis = connectRedis(process.env.REDIS_URL!);
const count = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return { n, redis.call('PTTL', KEYS[1]) }`;

serve({
  port: Number(process.env.PORT),
  limit,
  limiter: async (key) => {
    const [n, ttl] = (await redis.eval(count, 1, `fw:${key}`, windowMs)) as [number, number];
    return { allowed: n <= limit, remaining: Math.max(0, limit - n), resetMs: ttl, retryAfterMs: n <= limit ? 0 : ttl };
  },
});

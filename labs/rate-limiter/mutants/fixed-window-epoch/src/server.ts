// Known-bad: a fixed window aligned to the clock. 2L can pass around each multiple of W.
import { serve } from '../../../solution/src/http.ts';
import { connectRedis } from '../../../solution/src/redis.ts';

const limit = Number(process.env.RATE_LIMIT);
const windowMs = Number(process.env.RATE_WINDOW_MS);
const redis = connectRedis(process.env.REDIS_URL!);
const count = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

serve({
  port: Number(process.env.PORT),
  limit,
  limiter: async (key) => {
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const n = Number(await redis.eval(count, 1, `fw:${key}:${window}`, windowMs));
    const resetMs = (window + 1) * windowMs - now;
    return { allowed: n <= limit, remaining: Math.max(0, limit - n), resetMs, retryAfterMs: n <= limit ? 0 : resetMs };
  },
});

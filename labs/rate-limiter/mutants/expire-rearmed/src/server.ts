// Known-bad: a counter whose expiry is pushed back on every request. A client that keeps knocking keeps
// the counter alive forever and is never admitted again.
import { serve } from '../../../solution/src/http.ts';
import { connectRedis } from '../../../solution/src/redis.ts';

const limit = Number(process.env.RATE_LIMIT);
const windowMs = Number(process.env.RATE_WINDOW_MS);
const redis = connectRedis(process.env.REDIS_URL!);
const count = `local n = redis.call('INCR', KEYS[1]) redis.call('PEXPIRE', KEYS[1], ARGV[1]) return n`;

serve({
  port: Number(process.env.PORT),
  limit,
  limiter: async (key) => {
    const n = Number(await redis.eval(count, 1, `cnt:${key}`, windowMs));
    return { allowed: n <= limit, remaining: Math.max(0, limit - n), resetMs: windowMs, retryAfterMs: n <= limit ? 0 : windowMs };
  },
});

// Known-bad: a token bucket read with GET and written with SET. Concurrent requests read the same state,
// all take "the last token", and the later writes overwrite each other.
import { serve } from '../../../solution/src/http.ts';
import { connectRedis } from '../../../solution/src/redis.ts';

const limit = Number(process.env.RATE_LIMIT);
const windowMs = Number(process.env.RATE_WINDOW_MS);
const redis = connectRedis(process.env.REDIS_URL!);

serve({
  port: Number(process.env.PORT),
  limit,
  limiter: async (key) => {
    const now = Date.now();
    const stored = await redis.get(`tb:${key}`);
    const state = stored ? (JSON.parse(stored) as { tokens: number; at: number }) : { tokens: limit, at: now };
    let tokens = Math.min(limit, state.tokens + ((now - state.at) * limit) / windowMs);
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    await redis.set(`tb:${key}`, JSON.stringify({ tokens, at: now }), 'PX', windowMs);
    const retryAfterMs = allowed ? 0 : Math.ceil(((1 - tokens) * windowMs) / limit);
    return { allowed, remaining: Math.floor(tokens), resetMs: Math.ceil(((limit - tokens) * windowMs) / limit), retryAfterMs };
  },
});

// Known-bad: a correct token bucket, kept in a Map inside each instance. Every instance grants its own L.
import { serve } from '../../../solution/src/http.ts';

const limit = Number(process.env.RATE_LIMIT);
const windowMs = Number(process.env.RATE_WINDOW_MS);
const buckets = new Map<string, { tokens: number; at: number }>();

serve({
  port: Number(process.env.PORT),
  limit,
  limiter: async (key) => {
    const now = Date.now();
    const state = buckets.get(key) ?? { tokens: limit, at: now };
    let tokens = Math.min(limit, state.tokens + ((now - state.at) * limit) / windowMs);
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    buckets.set(key, { tokens, at: now });
    const retryAfterMs = allowed ? 0 : Math.ceil(((1 - tokens) * windowMs) / limit);
    return { allowed, remaining: Math.floor(tokens), resetMs: Math.ceil(((limit - tokens) * windowMs) / limit), retryAfterMs };
  },
});

import type { Redis } from 'ioredis';
import type { Limiter } from './decision.ts';

// One atomic step per request: refill by elapsed time, take a token if there is one, store, expire.
// Time comes from Redis, so instances with skewed clocks still agree.
const script = `
local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * capacity / window)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) * window / capacity)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], window)
return { allowed, math.floor(tokens), retry, math.ceil((capacity - tokens) * window / capacity) }
`;

type TakeToken = (key: string, capacity: number, windowMs: number) => Promise<[number, number, number, number]>;

export function tokenBucket(redis: Redis, limit: number, windowMs: number): Limiter {
  redis.defineCommand('takeToken', { numberOfKeys: 1, lua: script });
  const takeToken = (redis as unknown as { takeToken: TakeToken }).takeToken.bind(redis);
  return async (key) => {
    const [allowed, remaining, retryAfterMs, resetMs] = await takeToken(`rl:${key}`, limit, windowMs);
    return { allowed: allowed === 1, remaining, retryAfterMs, resetMs };
  };
}

import type { Redis } from 'ioredis';
import type { Limiter } from '../../../solution/src/decision.ts';

// Only admissions are logged (a rejected request must not use up quota). Members are unique per call.
const script = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local reset = 0
if oldest[2] then reset = tonumber(oldest[2]) + window - now end
if count < limit then
  local seq = redis.call('INCR', KEYS[1] .. ':seq')
  redis.call('PEXPIRE', KEYS[1] .. ':seq', window)
  redis.call('ZADD', KEYS[1], now, now .. '-' .. seq)
  redis.call('PEXPIRE', KEYS[1], window)
  if reset == 0 then reset = window end
  return { 1, limit - count - 1, 0, reset }
end
return { 0, 0, reset, reset }
`;

type Log = (key: string, limit: number, windowMs: number) => Promise<[number, number, number, number]>;

export function slidingLog(redis: Redis, limit: number, windowMs: number): Limiter {
  redis.defineCommand('logRequest', { numberOfKeys: 1, lua: script });
  const log = (redis as unknown as { logRequest: Log }).logRequest.bind(redis);
  return async (key) => {
    const [allowed, remaining, retryAfterMs, resetMs] = await log(`log:${key}`, limit, windowMs);
    return { allowed: allowed === 1, remaining, retryAfterMs, resetMs };
  };
}

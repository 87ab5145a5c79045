import type { Redis } from 'ioredis';

export interface LimitDecision {
  allowed: boolean;
  /** Requests left in this window. */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
}

export interface FixedWindowLimiter {
  /** `undefined` when Redis could not answer: the caller decides (submissions fail open). */
  take(client: string): Promise<LimitDecision | undefined>;
}

// One round trip, atomic: the first hit of a window arms its expiry. Shared by every API instance.
const takeScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { count, ttl }
`;

/** At most `limit` requests per client per `windowMs`, counted in Redis under `prefix`. */
export function fixedWindowLimiter(redis: Redis, options: { prefix: string; limit: number; windowMs: number }): FixedWindowLimiter {
  return {
    async take(client) {
      try {
        const [count, ttl] = (await redis.eval(takeScript, 1, `${options.prefix}:${client}`, options.windowMs)) as [number, number];
        return { allowed: count <= options.limit, remaining: Math.max(0, options.limit - count), resetMs: ttl };
      } catch {
        return undefined;
      }
    },
  };
}

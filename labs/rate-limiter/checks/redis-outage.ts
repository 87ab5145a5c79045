import { CouldNotGradeError, defineCheck, fail, pass } from '@archlab/lab-kit';
import type { RequestRecord } from '@archlab/load';
import { epochNow } from './support/clock.ts';
import type { RateLimiterParams } from './support/params.ts';
import { isLimited, ping, sample, spread, statusSummary } from './support/ping.ts';

/** How many keys share the load; each is offered 3x its limit, so limiting is visible when it works. */
const hotKeys = 2;

export const redisOutageCheck = defineCheck<RateLimiterParams>({
  id: 'redis-outage',
  title: 'Redis down: every request still answered fast; limiting resumes when it returns',
  points: 15,
  hint: 'A Redis client that queues commands while reconnecting makes requests hang. Fail fast when Redis is unavailable (no offline queue, a command timeout), answer anyway (fail open), handle the client\'s error event, and keep reconnecting.',
  timeoutMs: 60_000,
  async run(ctx) {
    const { params } = ctx;
    const redis = ctx.services.redis;
    if (!redis?.faults.supported) throw new CouldNotGradeError('the Redis in use cannot be stopped and restarted (an external server)');
    const { ratePerSec, beforeMs, downMs, recoveryMs, afterMs, slowMs } = params.outage;
    const durationMs = beforeMs + downMs + recoveryMs + afterMs;
    const keys = Array.from({ length: hotKeys }, (_, k) => `${ctx.rng.token(6)}-outage-${k}`);

    const load = ctx.load.openLoop({
      ratePerSec,
      durationMs,
      makeRequest: (i) => ping(spread(ctx.instances, i % hotKeys, Math.floor(i / hotKeys)), keys[i % hotKeys]!),
      timeoutMs: params.requestTimeoutMs,
    });
    const started = epochNow();
    await ctx.sleep(beforeMs);
    ctx.progress('Redis killed');
    const killedAt = epochNow();
    await redis.faults.kill();
    await ctx.sleep(Math.max(0, killedAt + downMs - epochNow()));
    ctx.progress('Redis restarted, empty');
    await redis.faults.restart();
    const backAt = epochNow();
    const { records } = await load;

    const during = records.filter((r) => r.sentAt >= killedAt && r.sentAt < backAt + recoveryMs);
    const unanswered = during.filter((r) => r.status === 0 || r.status >= 500 || r.receivedAt - r.sentAt > slowMs);
    const timeline = {
      killedAtMs: Math.round(killedAt - started),
      backAtMs: Math.round(backAt - started),
      requestsDuringOutage: during.length,
      duringOutage: statusSummary(during),
    };
    if (unanswered.length > 0) {
      const slowest = Math.max(...unanswered.map((r) => r.receivedAt - r.sentAt));
      return fail(
        `${unanswered.length} of ${during.length} requests while Redis was down (or reconnecting) were not answered 200/429 within ${slowMs} ms ` +
          `(${statusSummary(unanswered)}; slowest ${Math.round(slowest)} ms)`,
        { ...timeline, samples: sample(unanswered, started) },
      );
    }
    const after: RequestRecord[] = records.filter((r) => r.sentAt >= backAt + recoveryMs);
    if (!after.some(isLimited)) {
      return fail(
        `no request was limited in the ${afterMs} ms after Redis came back (plus ${recoveryMs} ms to reconnect) at ` +
          `${Math.round(ratePerSec / hotKeys)} req/s per key (L=${params.limit} per ${params.windowMs} ms): limiting did not resume (${statusSummary(after)})`,
        timeline,
      );
    }
    return pass(`${during.length} requests during a ${downMs} ms outage all answered within ${slowMs} ms; limiting resumed after Redis returned`, {
      ...timeline,
      afterRecovery: statusSummary(after),
    });
  },
});

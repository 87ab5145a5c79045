import { defineCheck, fail, pass } from '@archlab/lab-kit';
import type { RequestRecord, RequestSpec } from '@archlab/load';
import { describeViolation, violationsByKey } from './support/bound.ts';
import { alignToPhase, nextEpochBoundary, sleepUntil } from './support/clock.ts';
import type { RateLimiterParams } from './support/params.ts';
import { byTag, ping, spread, statusSummary, unexpectedResponses } from './support/ping.ts';

/**
 * Per key: one request, then a burst of L just before the key's window would end and a burst of L just
 * after. Half the keys are timed against windows aligned to the clock (epoch multiples of W), half against
 * windows that start at the key's first request, so either kind of fixed window admits ~2L in a short
 * interval while a token bucket, GCRA or sliding log stays within L + L*D/W.
 */
export const windowBoundaryCheck = defineCheck<RateLimiterParams>({
  id: 'window-boundary',
  title: 'No double quota around a window boundary',
  points: 15,
  hint: 'A fixed window resets all at once, so a client can spend L just before the reset and L just after. Refill continuously (token bucket / GCRA) or count over a sliding window.',
  async run(ctx) {
    const { params } = ctx;
    const { limit, windowMs } = params;
    const perGroup = params.boundary.keysPerAlignment;
    const clockKeys = Array.from({ length: perGroup }, (_, k) => `${ctx.rng.token(6)}-clock-${k}`);
    const firstHitKeys = Array.from({ length: perGroup }, (_, k) => `${ctx.rng.token(6)}-firsthit-${k}`);
    const allKeys = [...clockKeys, ...firstHitKeys];
    // Bursts go out a little before a boundary and a little after it; the gap is what the policy allows for.
    const lead = Math.max(60, windowMs * 0.1);
    const lag = Math.max(15, windowMs * 0.02);
    const burstOf = (keys: string[], offset: number): RequestSpec[] =>
      keys.flatMap((key) => {
        const k = allKeys.indexOf(key);
        return Array.from({ length: limit }, (_, j) => ping(spread(ctx.instances, k, j + offset), key));
      });
    const records: RequestRecord[] = [];

    // Mid-window on the clock: the clock boundary is W/2 away, each first-hit boundary is W away.
    await alignToPhase(ctx, windowMs, 0.5);
    ctx.progress('first request per key');
    records.push(...(await ctx.load.burst(allKeys.map((key, k) => ping(spread(ctx.instances, k, 0), key)), { timeoutMs: params.requestTimeoutMs })));
    const firstHit = Math.min(...records.map((r) => r.sentAt));
    const clockBoundary = nextEpochBoundary(windowMs, firstHit);
    const firstHitBoundary = firstHit + windowMs;

    const phases: [string, string[], number, number][] = [
      ['just before the clock boundary', clockKeys, clockBoundary - lead, 1],
      ['just after the clock boundary', clockKeys, clockBoundary + lag, 2],
      ['just before the first-hit boundary', firstHitKeys, firstHitBoundary - lead, 1],
      ['just after the first-hit boundary', firstHitKeys, firstHitBoundary + lag, 2],
    ];
    for (const [index, [label, keys, at, offset]] of phases.entries()) {
      await sleepUntil(ctx, at);
      ctx.progress(`burst of ${limit} per key ${label}`, (index + 1) / phases.length);
      records.push(...(await ctx.load.burst(burstOf(keys, offset), { timeoutMs: params.requestTimeoutMs })));
    }

    const odd = unexpectedResponses(records);
    if (odd.length > 0) return fail(`${odd.length} of ${records.length} requests were not answered 200 or 429 (${statusSummary(odd)})`);
    const groups = byTag(records);
    const perKey = Object.fromEntries([...groups].map(([key, rs]) => [key, statusSummary(rs)]));
    const violations = violationsByKey(groups, params);
    const boundaries = { clockBoundary: new Date(clockBoundary).toISOString(), firstHitBoundary: new Date(firstHitBoundary).toISOString() };
    if (violations.length > 0) {
      const worst = violations[0]!;
      const alignment = clockKeys.includes(worst.key) ? 'windows on the clock' : 'windows from the first request';
      const offsetMs = Math.round(worst.from - (clockKeys.includes(worst.key) ? clockBoundary : firstHitBoundary));
      return fail(`${describeViolation(worst, params)}, starting ${offsetMs} ms from a boundary of ${alignment}`, {
        violations,
        perKey,
        ...boundaries,
      });
    }
    return pass(`bursts of ${limit} on both sides of clock-aligned and first-hit-aligned boundaries stayed within the policy`, { perKey, ...boundaries });
  },
});

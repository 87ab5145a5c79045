import { defineCheck, fail, pass } from '@archlab/lab-kit';
import { describeViolation, violationsByKey } from './support/bound.ts';
import { alignToPhase } from './support/clock.ts';
import type { RateLimiterParams } from './support/params.ts';
import { byTag, ping, sample, statusSummary, unexpectedResponses } from './support/ping.ts';

/** Under sustained over-limit load the admitted rate must stay at least this share of L/W. */
const minimumShare = 0.9;

export const sustainedRateCheck = defineCheck<RateLimiterParams>({
  id: 'sustained-rate',
  title: 'Under sustained over-limit load, about L per W is admitted, no more and not much less',
  points: 15,
  hint: 'If the key expiry is pushed back on every request, a client that keeps knocking is never let in again. Rejected requests must not consume the quota, and the quota must come back at L per W.',
  async run(ctx) {
    const { params } = ctx;
    const { keys, windows, overload } = params.sustained;
    const durationMs = windows * params.windowMs;
    const perKeyRate = (overload * params.limit * 1000) / params.windowMs;
    const keyNames = Array.from({ length: keys }, (_, k) => `${ctx.rng.token(6)}-steady-${k}`);
    await alignToPhase(ctx, params.windowMs, 0.25);
    // One paced worker per key, each on one instance: a key's requests are evenly spaced and never
    // overlap, so only the algorithm is under test here (atomicity and sharing have their own checks).
    const run = await ctx.load.closedLoop({
      concurrency: keys,
      durationMs,
      minIntervalMs: 1000 / perKeyRate,
      makeRequest: (_index, worker) => ping(ctx.instances[worker % ctx.instances.length]!, keyNames[worker]!),
      timeoutMs: params.requestTimeoutMs,
      onProgress: ({ elapsedMs }) => ctx.progress(`offering ${overload}x the limit`, Math.min(1, elapsedMs / durationMs)),
    });
    const origin = run.startedAt;
    const odd = unexpectedResponses(run.records);
    if (odd.length > 0) {
      return fail(`${odd.length} of ${run.records.length} requests were not answered 200 or 429 (${statusSummary(odd)})`, { samples: sample(odd, origin) });
    }
    const groups = byTag(run.records);
    const perKey = Object.fromEntries([...groups].map(([key, rs]) => [key, statusSummary(rs)]));
    // Over intervals of a window or more: what happens right at a boundary is the window-boundary check's.
    const violations = violationsByKey(groups, params, params.windowMs);
    if (violations.length > 0) {
      return fail(`${describeViolation(violations[0]!, params)} at ${overload}x the limit, sustained for ${durationMs} ms`, { violations, perKey });
    }

    // After the first window the initial bucket is spent: from then on only the refill rate counts.
    const steadyFrom = origin + params.windowMs;
    const steadyMs = durationMs - params.windowMs;
    const expected = Math.floor((minimumShare * params.limit * steadyMs) / params.windowMs) - params.toleranceRequests;
    for (const [key, records] of groups) {
      const steady = records.filter((r) => r.status === 200 && r.sentAt >= steadyFrom).length;
      if (steady < expected) {
        return fail(
          `key ${key}: ${steady} admitted in the last ${steadyMs} ms while offered ${perKeyRate.toFixed(0)} req/s; ` +
            `at least ${expected} expected (${minimumShare * 100}% of L/W = ${params.limit} per ${params.windowMs} ms)`,
          { perKey },
        );
      }
    }
    return pass(`${keys} keys at ${overload}x the limit for ${durationMs} ms: admitted within the policy and at the refill rate`, { perKey });
  },
});

import { defineCheck, fail, pass } from '@archlab/lab-kit';
import { alignToPhase } from './support/clock.ts';
import { describeViolation, violationsByKey } from './support/bound.ts';
import type { RateLimiterParams } from './support/params.ts';
import { byTag, ping, sample, spread, statusSummary, unexpectedResponses } from './support/ping.ts';

export const burstAcrossInstancesCheck = defineCheck<RateLimiterParams>({
  id: 'burst-across-instances',
  title: 'A burst released at once across instances admits at most L per key',
  points: 20,
  hint: 'Concurrent requests on several instances read the same counter before any of them writes it back. Make the check-and-update one atomic step in Redis (a Lua script, or MULTI with WATCH).',
  async run(ctx) {
    const { params } = ctx;
    const { keys, requestsPerKey } = params.burst;
    const keyNames = Array.from({ length: keys }, (_, k) => `${ctx.rng.token(6)}-burst-${k}`);
    const requests = ctx.rng.shuffle(
      keyNames.flatMap((key, k) => Array.from({ length: requestsPerKey }, (_, j) => ping(spread(ctx.instances, k, j), key))),
    );
    // Away from an epoch boundary, so only atomicity decides the outcome, not where a fixed window resets.
    await alignToPhase(ctx, params.windowMs, 0.2);
    ctx.progress(`releasing ${requests.length} requests at once (${keys} keys x ${requestsPerKey})`);
    const records = await ctx.load.burst(requests, { timeoutMs: params.requestTimeoutMs });
    const origin = Math.min(...records.map((r) => r.sentAt));

    const odd = unexpectedResponses(records);
    if (odd.length > 0) {
      return fail(`${odd.length} of ${records.length} burst requests were not answered 200 or 429 (${statusSummary(odd)})`, {
        samples: sample(odd, origin),
      });
    }
    const groups = byTag(records);
    const perKey = Object.fromEntries([...groups].map(([key, rs]) => [key, statusSummary(rs)]));
    const violations = violationsByKey(groups, params);
    if (violations.length > 0) {
      const worst = violations[0]!;
      return fail(
        `${describeViolation(worst, params)}; ${violations.length} of ${keys} keys over the limit ` +
          `(${requestsPerKey} concurrent requests per key over ${ctx.instances.length} instances)`,
        { violations, perKey },
      );
    }
    const starved = [...groups].filter(([, rs]) => rs.filter((r) => r.status === 200).length < params.limit - params.toleranceRequests);
    if (starved.length > 0) {
      const [key, rs] = starved[0]!;
      return fail(`key ${key}: only ${rs.filter((r) => r.status === 200).length} of ${requestsPerKey} admitted with a fresh key; expected ${params.limit} (L)`, { perKey });
    }
    return pass(`${keys} keys x ${requestsPerKey} concurrent requests: every key admitted at most its limit`, { perKey });
  },
});

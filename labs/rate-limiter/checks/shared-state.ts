import { defineCheck, fail, pass } from '@archlab/lab-kit';
import { describeViolation, worstViolation } from './support/bound.ts';
import { alignToPhase } from './support/clock.ts';
import type { RateLimiterParams } from './support/params.ts';
import { describeAnswer, isAdmitted, oneAtATime, statusSummary, unexpectedResponses } from './support/ping.ts';

export const sharedStateCheck = defineCheck<RateLimiterParams>({
  id: 'shared-state',
  title: 'A quota used up on one instance is used up on every instance',
  points: 10,
  hint: 'Each instance is a separate process: a Map in memory is not shared. Keep the per-key state in Redis.',
  async run(ctx) {
    const { params } = ctx;
    const [first, second] = ctx.instances;
    if (!first || !second) throw new Error('the shared-state check needs at least two instances');
    const evidence: Record<string, string> = {};
    for (let k = 0; k < params.sharedState.keys; k++) {
      const key = `${ctx.rng.token(6)}-shared-${k}`;
      await alignToPhase(ctx, params.windowMs, 0.2);
      const onFirst = await oneAtATime(ctx, first, key, 3 * params.limit, { untilLimited: true });
      const onSecond = await oneAtATime(ctx, second, key, params.limit);
      evidence[key] = `${first.id}: ${statusSummary(onFirst)}; then ${second.id}: ${statusSummary(onSecond)}`;
      const odd = unexpectedResponses([...onFirst, ...onSecond])[0];
      if (odd) return fail(`key ${key} on ${odd.target}: ${describeAnswer(odd)}, expected 200 or 429`, { perKey: evidence });
      const admitted = [...onFirst, ...onSecond].filter(isAdmitted);
      const violation = worstViolation(key, admitted, params);
      if (violation) {
        return fail(
          `${describeViolation(violation, params)}: ${onFirst.filter(isAdmitted).length} on ${first.id}, ` +
            `then ${onSecond.filter(isAdmitted).length} more on ${second.id}`,
          { violation, perKey: evidence },
        );
      }
    }
    return pass(`after a key's quota was used on ${first.id}, ${second.id} limited it too`, { perKey: evidence });
  },
});

import { CouldNotGradeError, defineCheck, fail, pass } from '@archlab/lab-kit';
import { explainNoLimit } from './support/bound.ts';
import { alignToPhase } from './support/clock.ts';
import type { RateLimiterParams } from './support/params.ts';
import { describeAnswer, oneAtATime, ping, rateLimitHeaders, unexpectedResponses } from './support/ping.ts';

/** Extra wait after Retry-After, for the grader's own timing noise. */
const marginMs = 60;

export const retryAfterHonestCheck = defineCheck<RateLimiterParams>({
  id: 'retry-after-honest',
  title: 'Waiting as long as Retry-After says gets the next request in',
  points: 10,
  hint: 'Compute Retry-After from the limiter state (when the next token or slot frees up), rounded up to whole seconds.',
  async run(ctx) {
    const { params } = ctx;
    const [first, second] = [ctx.instances[0]!, ctx.instances[1] ?? ctx.instances[0]!];
    const maxSeconds = Math.ceil(params.windowMs / 1000) + 1;
    await alignToPhase(ctx, params.windowMs, 0.2);
    const outcomes = await Promise.all(
      Array.from({ length: params.retryAfter.keys }, async (_, k) => {
        const key = `${ctx.rng.token(6)}-retry-${k}`;
        const records = await oneAtATime(ctx, first, key, 3 * params.limit, { untilLimited: true });
        const odd = unexpectedResponses(records)[0];
        if (odd) return { key, problem: `GET /api/ping: ${describeAnswer(odd)}, expected 200 or 429` };
        const limited = records.find((r) => r.status === 429);
        if (!limited) {
          const breach = explainNoLimit(key, records, params);
          if (!breach) throw new CouldNotGradeError(`the machine was too slow to use up a quota of ${params.limit} within the window`);
          return { key, problem: breach };
        }
        const said = limited.headers['retry-after'];
        const seconds = Number(said);
        if (!said || !Number.isInteger(seconds) || seconds < 1 || seconds > maxSeconds) {
          return { key, problem: `Retry-After "${said ?? '(missing)'}" is not whole seconds in 1..${maxSeconds}` };
        }
        await ctx.sleep(Math.max(0, limited.receivedAt + seconds * 1000 + marginMs - (performance.timeOrigin + performance.now())));
        const [retry] = await ctx.load.burst([ping(second, key)], { captureHeaders: rateLimitHeaders, timeoutMs: params.requestTimeoutMs });
        if (retry?.status !== 200) {
          return { key, problem: `Retry-After said ${seconds} s; after waiting ${seconds * 1000 + marginMs} ms the retry on ${second.id} got ${retry?.status || retry?.error}`, retryAfter: seconds };
        }
        return { key, retryAfter: seconds };
      }),
    );
    const problems = outcomes.filter((o) => o.problem);
    if (problems.length > 0) return fail(problems.map((o) => `key ${o.key}: ${o.problem}`).join('; '), { outcomes });
    return pass(`after waiting what Retry-After said (${outcomes.map((o) => `${o.retryAfter} s`).join(', ')}), every retry was admitted`, { outcomes });
  },
});

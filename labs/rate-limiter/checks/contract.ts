import { CouldNotGradeError, defineCheck, fail, pass } from '@archlab/lab-kit';
import type { RequestRecord } from '@archlab/load';
import { explainNoLimit } from './support/bound.ts';
import { alignToPhase } from './support/clock.ts';
import type { RateLimiterParams } from './support/params.ts';
import { describeAnswer, oneAtATime, ping } from './support/ping.ts';

const wholeNumber = /^\d+$/;

/** Problems with the headers of one response, each naming the header and the value received. */
function headerProblems(record: RequestRecord, params: RateLimiterParams): string[] {
  const problems: string[] = [];
  const maxSeconds = Math.ceil(params.windowMs / 1000) + 1;
  const where = `${record.status} from ${record.target}`;
  const header = (name: string) => record.headers[name];
  const seconds = (name: string, min: number) => {
    const value = header(name);
    if (value === undefined) return problems.push(`${where}: no ${name} header`);
    if (!wholeNumber.test(value) || Number(value) < min || Number(value) > maxSeconds) {
      problems.push(`${where}: ${name} "${value}" is not whole seconds in ${min}..${maxSeconds} (W=${params.windowMs} ms)`);
    }
    return undefined;
  };
  if (header('ratelimit-limit') !== String(params.limit)) {
    problems.push(`${where}: RateLimit-Limit "${header('ratelimit-limit') ?? '(missing)'}", expected "${params.limit}"`);
  }
  const remaining = header('ratelimit-remaining');
  if (remaining === undefined || !wholeNumber.test(remaining) || Number(remaining) > params.limit) {
    problems.push(`${where}: RateLimit-Remaining "${remaining ?? '(missing)'}" is not a whole number in 0..${params.limit}`);
  }
  seconds('ratelimit-reset', 0);
  if (record.status === 429) seconds('retry-after', 1);
  return problems;
}

export const contractCheck = defineCheck<RateLimiterParams>({
  id: 'contract',
  title: 'Health, status codes and RateLimit headers follow the contract',
  points: 10,
  hint: 'Every /api/ping answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; a 429 adds Retry-After in whole seconds (not ms); a missing, empty or over-long key is a 400.',
  async run(ctx) {
    const { params } = ctx;
    const problems: string[] = [];
    for (const instance of ctx.instances) {
      const [health] = await ctx.load.burst([{ target: instance.origin, path: '/healthz' }], { timeoutMs: params.requestTimeoutMs });
      if (health?.status !== 200) problems.push(`GET /healthz on ${instance.id}: ${health?.status || health?.error}, expected 200`);
    }

    await alignToPhase(ctx, params.windowMs, 0.1);
    const key = `${ctx.rng.token(6)}-contract`;
    const first = ctx.instances[0]!;
    const records = await oneAtATime(ctx, first, key, 3 * params.limit, { untilLimited: true });
    const admitted = records.find((r) => r.status === 200);
    const limited = records.find((r) => r.status === 429);
    const other = records.filter((r) => r.status !== 200 && r.status !== 429);
    if (!admitted) problems.push(`no 200 among ${records.length} requests with a fresh key`);
    if (!limited && other.length === 0) {
      const breach = explainNoLimit(key, records, params);
      if (!breach) throw new CouldNotGradeError(`the machine was too slow to use up a quota of ${params.limit} within the window`);
      problems.push(breach);
    }
    if (other.length > 0) problems.push(`GET /api/ping with a valid key: ${describeAnswer(other[0]!)}, expected 200 or 429`);
    for (const record of [admitted, limited]) if (record) problems.push(...headerProblems(record, params));

    const badKeys: [string, string | undefined][] = [
      ['no X-Api-Key header', undefined],
      ['an empty key', ''],
      ['a 257-character key', 'k'.repeat(257)],
    ];
    const bad = await ctx.load.burst(
      badKeys.map(([label, value]) => ({ ...ping(first, value), tag: label })),
      { timeoutMs: params.requestTimeoutMs },
    );
    for (const record of bad) {
      if (record.status !== 400) problems.push(`${record.tag}: ${record.status || record.error}, expected 400`);
    }
    const [longest] = await ctx.load.burst([ping(first, 'k'.repeat(256))], { timeoutMs: params.requestTimeoutMs });
    if (longest?.status !== 200) problems.push(`a 256-character key (the longest allowed): ${longest?.status || longest?.error}, expected 200`);

    const evidence = {
      admitted: admitted ? { status: admitted.status, headers: admitted.headers } : null,
      limited: limited ? { status: limited.status, headers: limited.headers } : null,
    };
    if (problems.length > 0) return fail(problems.join('; '), { ...evidence, problems });
    return pass(`health, headers and status codes as specified (L=${params.limit}, W=${params.windowMs} ms)`, evidence);
  },
});

import { CouldNotGradeError, defineCheck, fail, pass } from '@archlab/lab-kit';
import { Redis } from 'ioredis';
import type { RateLimiterParams } from './support/params.ts';
import { ping, statusSummary } from './support/ping.ts';

const invalidKeys: [string, string | undefined][] = [
  ['no X-Api-Key header', undefined],
  ['an empty key', ''],
  ['a key of spaces', '   '],
  ['a 257-character key', 'x'.repeat(257)],
  ['a 4000-character key', 'y'.repeat(4000)],
];

const oddValidKeys: [string, string][] = [
  ['a key with spaces', 'key with spaces'],
  ['a key with Redis glob and hash-tag characters', 'k*?[a]{tag}:1'],
  ['a key with quotes and backslashes', `q"u'o\\te`],
  ['a 256-character key', 'z'.repeat(256)],
];

/** Keys the limiter keeps forever: per-key state that grows without bound as new clients appear. */
async function keysWithoutExpiry(redis: Redis): Promise<{ total: number; immortal: string[] }> {
  let cursor = '0';
  let total = 0;
  const immortal: string[] = [];
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    total += keys.length;
    for (const key of keys) if ((await redis.pttl(key)) === -1) immortal.push(key);
  } while (cursor !== '0');
  return { total, immortal };
}

export const badInputCheck = defineCheck<RateLimiterParams>({
  id: 'bad-input',
  title: 'Bad keys get a 400 and store nothing; odd keys work; state expires',
  points: 5,
  hint: 'Validate the key before touching Redis, treat it as opaque data (never as a pattern or a command), and give every key an expiry.',
  async run(ctx) {
    const { params } = ctx;
    const redisUrl = ctx.services.redis?.url;
    if (!redisUrl) throw new CouldNotGradeError('this check needs the run\'s Redis');
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
    redis.on('error', () => undefined);
    try {
      await redis.connect().catch((error: Error) => {
        throw new CouldNotGradeError(`cannot reach the run's Redis: ${error.message}`);
      });
      const instance = ctx.instances[0]!;
      const before = await redis.dbsize();
      const invalid = await ctx.load.burst(
        invalidKeys.map(([label, key]) => ({ ...ping(instance, key), tag: label })),
        { timeoutMs: params.requestTimeoutMs },
      );
      const after = await redis.dbsize();
      const problems = invalid
        .filter((record) => record.status !== 400)
        .map((record) => `${record.tag}: ${record.status || record.error}, expected 400`);
      if (after > before) problems.push(`Redis went from ${before} to ${after} keys while only invalid keys were sent`);

      const odd = await ctx.load.burst(
        oddValidKeys.map(([label, key]) => ({ ...ping(instance, key), tag: label })),
        { timeoutMs: params.requestTimeoutMs },
      );
      problems.push(
        ...odd.filter((record) => record.status !== 200).map((record) => `${record.tag}: ${record.status || record.error}, expected 200`),
      );

      const { total, immortal } = await keysWithoutExpiry(redis);
      if (immortal.length > 0) {
        problems.push(`${immortal.length} of ${total} keys in Redis never expire (e.g. ${JSON.stringify(immortal[0]!.slice(0, 80))})`);
      }
      const evidence = { invalid: statusSummary(invalid), oddButValid: statusSummary(odd), redisKeys: total, keysWithoutExpiry: immortal.slice(0, 5) };
      if (problems.length > 0) return fail(problems.join('; '), evidence);
      return pass(`invalid keys rejected with 400 and nothing stored; odd keys served; all ${total} Redis keys expire`, evidence);
    } finally {
      redis.disconnect();
    }
  },
});

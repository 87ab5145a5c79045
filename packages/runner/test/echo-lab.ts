import { CouldNotGradeError, defineCheck, defineLab, fail, pass } from '@archlab/lab-kit';
import { fileURLToPath } from 'node:url';

export const fixtureDir = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const hello = defineCheck<{ instances: number }>({
  id: 'hello',
  title: 'Every instance answers /hello',
  points: 2,
  hint: 'answer /hello',
  async run(ctx) {
    const records = await ctx.load.burst(ctx.instances.map((i) => ({ target: i.origin, path: '/hello' })), { timeoutMs: 1000 });
    const bad = records.filter((r) => r.status !== 200);
    return bad.length === 0 ? pass('all answered') : fail(`${bad.length} did not answer`);
  },
});

const killsOne = defineCheck<{ instances: number }>({
  id: 'kills-one',
  title: 'The grader kills an instance on purpose',
  points: 1,
  hint: 'n/a',
  async run(ctx) {
    ctx.instances[0]!.signal('SIGKILL');
    await ctx.sleep(100);
    return pass('killed i1 on purpose');
  },
});

const afterKill = defineCheck<{ instances: number }>({
  id: 'after-kill',
  title: 'Instances are healthy again for the next check',
  points: 1,
  hint: 'n/a',
  async run(ctx) {
    return ctx.instances.every((i) => i.alive()) ? pass('all alive') : fail('an instance is down');
  },
});

const ourFault = defineCheck<{ instances: number }>({
  id: 'our-fault',
  title: 'A check that cannot grade',
  points: 1,
  hint: 'n/a',
  async run() {
    throw new CouldNotGradeError('the mock bank did not start');
  },
});

const graderBug = defineCheck<{ instances: number }>({
  id: 'grader-bug',
  title: 'A check with a bug',
  points: 1,
  hint: 'n/a',
  async run() {
    throw new TypeError('cannot read properties of undefined');
  },
});

const slow = defineCheck<{ instances: number }>({
  id: 'slow',
  title: 'A check that overruns its budget',
  points: 1,
  hint: 'n/a',
  timeoutMs: 200,
  async run(ctx) {
    await ctx.sleep(5000);
    return pass('never');
  },
});

export const echoLab = defineLab<{ instances: number }>({
  id: 'echo',
  title: 'Echo',
  summary: 'a lab for testing the runner',
  difficulty: 'intro',
  topics: [],
  root: new URL('./', import.meta.url),
  services: {},
  candidate: { entry: 'src/server.ts', instances: (p) => p.instances, env: () => ({}), healthPath: '/healthz', startTimeoutMs: 3000 },
  profiles: { quick: { description: 'two instances', params: { instances: 2 } } },
  checks: [hello, killsOne, afterKill, ourFault, graderBug, slow],
});

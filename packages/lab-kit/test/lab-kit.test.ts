import { describe, expect, it } from 'vitest';
import {
  LabDefinitionError,
  createRng,
  defineCheck,
  defineLab,
  deriveSeed,
  pass,
  reportSchema,
  verdictOf,
} from '../src/index.ts';

const check = (id: string) => defineCheck<object>({ id, title: id, points: 1, hint: 'h', run: async () => pass('ok') });
const lab = (checks: ReturnType<typeof check>[]) =>
  defineLab<object>({
    id: 'demo',
    title: 'Demo',
    summary: 's',
    difficulty: 'intro',
    topics: [],
    root: new URL('.', import.meta.url),
    services: {},
    candidate: { entry: 'src/server.ts', instances: () => 1, env: () => ({}), healthPath: '/healthz' },
    profiles: { quick: { description: 'q', params: {} } },
    checks,
  });

describe('rng', () => {
  it('replays from a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(createRng(43).next()).not.toBe(seqA[0]);
    for (const value of seqA) expect(value >= 0 && value < 1).toBe(true);
  });

  it('derives distinct, stable seeds per name', () => {
    expect(deriveSeed(1, 'burst')).toBe(deriveSeed(1, 'burst'));
    expect(deriveSeed(1, 'burst')).not.toBe(deriveSeed(1, 'contract'));
    expect(createRng(7).shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('defineLab', () => {
  it('rejects duplicate check ids, bad ids and empty labs', () => {
    expect(() => lab([check('a'), check('a')])).toThrow(/duplicate check id "a"/);
    expect(() => check('Not Kebab')).toThrow(LabDefinitionError);
    expect(() => lab([])).toThrow(/no checks/);
  });
});

describe('report', () => {
  it('keeps "could not grade" apart from "fail"', () => {
    expect(verdictOf([{ status: 'pass' }, { status: 'fail' }])).toBe('fail');
    expect(verdictOf([{ status: 'fail' }, { status: 'error' }])).toBe('error');
    expect(verdictOf([{ status: 'pass' }, { status: 'skip' }])).toBe('pass');
  });

  it('validates the shared schema', () => {
    const report = {
      lab: 'demo',
      profile: 'quick',
      verdict: 'pass',
      score: 1,
      maxScore: 1,
      seed: 1,
      durationMs: 10,
      checks: [{ id: 'a', title: 'A', status: 'pass', points: 1, maxPoints: 1, durationMs: 1, message: 'ok' }],
      environment: { services: {}, runner: '0.1.0' },
    };
    expect(reportSchema.parse(report)).toEqual(report);
    expect(() => reportSchema.parse({ ...report, verdict: 'maybe' })).toThrow();
  });
});

import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { builtInChallenges, gradeChallenge, parseScenario } from '../src/index.ts';
import type { Challenge, DesignDocument, Report } from '../src/index.ts';

// The report schema shared with code labs, restated here (lab-kit will own it; sim must not import it).
const reportSchema = z.strictObject({
  lab: z.string().min(1),
  profile: z.string().min(1),
  verdict: z.enum(['pass', 'fail', 'error']),
  score: z.number().min(0),
  maxScore: z.number().min(0),
  seed: z.number().int(),
  durationMs: z.number().min(0),
  checks: z.array(
    z.strictObject({
      id: z.string().min(1),
      title: z.string().min(1),
      status: z.enum(['pass', 'fail', 'error', 'skip']),
      points: z.number().min(0),
      maxPoints: z.number().min(0),
      durationMs: z.number().min(0),
      message: z.string(),
      evidence: z.record(z.string(), z.unknown()).optional(),
      hint: z.string().optional(),
    }),
  ),
  environment: z.strictObject({ services: z.strictObject({}), runner: z.string(), node: z.string().optional() }),
});

const failing = (report: Report) => report.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort();
const fixedClock = () => 0;

describe('built-in challenges', () => {
  it('ship at least six scenarios with distinct ids', () => {
    expect(builtInChallenges.length).toBeGreaterThanOrEqual(6);
    expect(new Set(builtInChallenges.map((c) => c.scenario.id)).size).toBe(builtInChallenges.length);
    for (const challenge of builtInChallenges) expect(() => parseScenario(challenge.scenario)).not.toThrow();
  });

  describe.each(builtInChallenges.map((challenge) => ({ id: challenge.scenario.id, challenge })))('$id', ({ challenge }: { challenge: Challenge }) => {
    it('the reference design passes every check on three seeds', () => {
      const report = gradeChallenge(challenge.reference, challenge.scenario, { profile: 'full', seed: 1 });
      expect(reportSchema.parse(report)).toEqual(report);
      expect(failing(report)).toEqual([]);
      expect(report.verdict).toBe('pass');
      expect(report.score).toBe(report.maxScore);
      expect(report.maxScore).toBeGreaterThan(0);
    });

    it(`the naive design fails for the stated reasons`, () => {
      const report = gradeChallenge(challenge.naive, challenge.scenario, { seed: 1 });
      expect(reportSchema.parse(report)).toEqual(report);
      expect(report.verdict).toBe('fail');
      expect(failing(report)).toEqual([...challenge.naiveFails].sort());
      expect(challenge.naiveWhy.length).toBeGreaterThan(20);
      for (const check of report.checks.filter((c) => c.status === 'fail')) {
        expect(check.points).toBe(0);
        expect(check.message).toMatch(/\d/);
      }
    });
  });
});

describe('gradeChallenge', () => {
  const shortener = builtInChallenges.find((c) => c.scenario.id === 'url-shortener')!;
  const limiter = builtInChallenges.find((c) => c.scenario.id === 'rate-limited-public-api')!;
  const payments = builtInChallenges.find((c) => c.scenario.id === 'payments-idempotency')!;

  it('puts evidence first: the measured value, the SLO, and the saturated component', () => {
    const report = gradeChallenge(shortener.naive, shortener.scenario, { seed: 1 });
    const p99 = report.checks.find((c) => c.id === 'slo.redirect-p99')!;
    expect(p99.message).toMatch(/^p99 of redirect \d+ ms > 50 ms SLO; saturated: db at rho 1\.31; /);
    expect(p99.hint).toBe('Redirects read one key: serve them from a cache in front of the database.');
    expect(p99.evidence).toMatchObject({ class: 'redirect', percentile: 99, maxMs: 50 });
    const fault = report.checks.find((c) => c.id === 'fault.any-single-instance')!;
    expect(fault.message).toContain("losing the only instance of 'db': redirect fails 100.00 %; create fails 100.00 % (cuts users -> lb -> api -> db)");
    const availability = report.checks.find((c) => c.id === 'slo.redirect-availability')!;
    expect(availability.message).toBe('availability of redirect 99.89 % < 99.95 % SLO; single points of failure: db (sql-primary)');
  });

  it('explains duplicate charges', () => {
    const report = gradeChallenge(payments.naive, payments.scenario, { seed: 1 });
    const duplicates = report.checks.find((c) => c.id === 'slo.charge-duplicates')!;
    expect(duplicates.message).toMatch(/^\d+ duplicate charge effects in [\d,]+ requests \([\d.]+ %\) > 0\.00 % SLO: timed-out attempts were retried/);
  });

  it('is reproducible from the seed', () => {
    const a = gradeChallenge(limiter.naive, limiter.scenario, { seed: 5, now: fixedClock });
    const b = gradeChallenge(limiter.naive, limiter.scenario, { seed: 5, now: fixedClock });
    expect(b).toEqual(a);
    expect(a.durationMs).toBe(0);
    expect(a.seed).toBe(5);
    expect(a.environment).toEqual({ services: {}, runner: '@archlab/sim' });
  });

  it('imposes the scenario assumptions over the design', () => {
    const cheating: DesignDocument = structuredClone(limiter.naive);
    cheating.nodes.find((n) => n.id === 'api')!.props = { instances: 7, serviceTime: { dist: 'exponential', meanMs: 0.1 } };
    expect(failing(gradeChallenge(cheating, limiter.scenario))).toEqual([...limiter.naiveFails].sort());
  });

  it('fails an invalid design on the design check, naming the field, and skips the rest', () => {
    const broken: DesignDocument = structuredClone(shortener.reference);
    broken.nodes.find((n) => n.id === 'redis')!.props = { hitRatio: 2 };
    const report = gradeChallenge(broken, shortener.scenario);
    expect(report.verdict).toBe('fail');
    expect(report.checks[0]).toMatchObject({ id: 'design', status: 'fail', message: "node 'redis' (cache): props.hitRatio: Too big: expected number to be <=1" });
    expect(report.checks.slice(1).every((c) => c.status === 'skip')).toBe(true);
    expect(report.score).toBe(0);
    expect(report.maxScore).toBe(70);
  });

  it('fails a design that does not carry every class of the scenario', () => {
    const partial: DesignDocument = structuredClone(shortener.reference);
    partial.classes = partial.classes.filter((c) => c.id !== 'create');
    partial.edges = partial.edges.map(({ classes, ...edge }) => (classes?.includes('create') ? { ...edge, classes: ['redirect'] } : { ...edge, ...(classes ? { classes } : {}) }));
    const report = gradeChallenge(partial, shortener.scenario);
    expect(report.checks.find((c) => c.id === 'classes')).toMatchObject({ status: 'fail', message: "no request class 'create' in the design" });
  });

  it('reports an invalid scenario as an error of the platform, not a failure', () => {
    const report = gradeChallenge(shortener.reference, { ...shortener.scenario, slos: [] });
    expect(report.verdict).toBe('error');
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]!.status).toBe('error');
    expect(report.checks[0]!.message).toMatch(/^the scenario file is invalid: slos/);
  });
});

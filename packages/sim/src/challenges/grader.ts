// Grades a design against a challenge scenario into the report code labs use. A design that does
// not validate or lacks a scenario class fails (the candidate's doing); a scenario that does not
// validate or a grader that throws is an "error" (ours), which never counts against anyone.
import { formatIssue } from '../model/design-issue.ts';
import { validateDesign } from '../model/validate.ts';
import type { PlannedCheck } from './checks.ts';
import { planChecks } from './checks.ts';
import { createGradingContext } from './grading-context.ts';
import type { GradingContext } from './grading-context.ts';
import type { CheckResult, Report } from './report.ts';
import { verdictOf } from './report.ts';
import { scenarioSchema } from './scenario-schema.ts';
import type { ChallengeScenario } from './scenario-schema.ts';

export const SIM_RUNNER = '@archlab/sim';
const MAX_LISTED_ISSUES = 10;

export interface GradeOptions {
  /** "quick": one seed; "full": three seeds and the worst counts. Default "quick". */
  profile?: 'quick' | 'full';
  /** Seed of the first simulation. Default 1. */
  seed?: number;
  /** Wall clock in ms, for durations only. Default performance.now. */
  now?: () => number;
}

export function gradeChallenge(design: unknown, scenario: unknown, options: GradeOptions = {}): Report {
  const clock = options.now ?? (() => performance.now());
  const started = clock();
  const profile = options.profile ?? 'quick';
  const seed = options.seed ?? 1;
  const checks: CheckResult[] = [];
  const report = (lab: string): Report => {
    const score = checks.reduce((sum, c) => sum + c.points, 0);
    const maxScore = checks.reduce((sum, c) => sum + c.maxPoints, 0);
    return { lab, profile, verdict: verdictOf(checks), score, maxScore, seed, durationMs: Math.max(0, clock() - started), checks, environment: { services: {}, runner: SIM_RUNNER } };
  };
  const timed = (id: string, title: string, maxPoints: number, run: () => Omit<CheckResult, 'id' | 'title' | 'maxPoints' | 'durationMs'>) => {
    const begin = clock();
    let result: Omit<CheckResult, 'id' | 'title' | 'maxPoints' | 'durationMs'>;
    try {
      result = run();
    } catch (error) {
      result = { status: 'error', points: 0, message: `the grader could not evaluate this check: ${error instanceof Error ? error.message : String(error)}` };
    }
    checks.push({ id, title, maxPoints, durationMs: Math.max(0, clock() - begin), ...result });
  };

  const parsedScenario = scenarioSchema.safeParse(scenario);
  if (!parsedScenario.success) {
    timed('scenario', 'the scenario is valid', 0, () => ({
      status: 'error',
      points: 0,
      message: `the scenario file is invalid: ${parsedScenario.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    }));
    return report(typeof (scenario as { id?: unknown } | null)?.id === 'string' ? (scenario as { id: string }).id : 'unknown-scenario');
  }
  const challenge = parsedScenario.data;
  const planned = planChecks(challenge);
  const skipAll = (reason: string) => {
    for (const check of planned) checks.push({ id: check.id, title: check.title, status: 'skip', points: 0, maxPoints: check.maxPoints, durationMs: 0, message: reason });
  };

  const validation = validateDesign(design);
  timed('design', 'the design is a valid document', 0, () =>
    validation.ok
      ? { status: 'pass', points: 0, message: 'the design validates' }
      : {
          status: 'fail',
          points: 0,
          message: `${validation.issues.slice(0, MAX_LISTED_ISSUES).map(formatIssue).join('; ')}${validation.issues.length > MAX_LISTED_ISSUES ? `; and ${validation.issues.length - MAX_LISTED_ISSUES} more` : ''}`,
          evidence: { issues: validation.issues.map(formatIssue) },
          hint: 'Fix the listed fields; every issue names the node, edge or class it is about.',
        },
  );
  if (!validation.ok) {
    skipAll('skipped: the design is not a valid document');
    return report(challenge.id);
  }

  const missing = missingClasses(validation.design.classes.map((c) => c.id), challenge);
  timed('classes', 'the design serves every request class of the scenario', 0, () =>
    missing.length === 0
      ? { status: 'pass', points: 0, message: `classes ${challenge.traffic.classes.map((c) => c.id).join(', ')} all enter the design` }
      : {
          status: 'fail',
          points: 0,
          message: `no request class ${missing.map((id) => `'${id}'`).join(', ')} in the design`,
          evidence: { missing },
          hint: 'Add a request class with that id, entering at a client node; the scenario sets its rate.',
        },
  );
  if (missing.length > 0) {
    skipAll('skipped: the design does not carry every class of the scenario');
    return report(challenge.id);
  }

  const seeds = profile === 'full' ? [seed, seed + 1, seed + 2] : [seed];
  const context = createGradingContext(validation.design, challenge, seeds);
  for (const check of planned) runPlanned(check, context, timed);
  return report(challenge.id);
}

function runPlanned(check: PlannedCheck, context: GradingContext, timed: (id: string, title: string, maxPoints: number, run: () => Omit<CheckResult, 'id' | 'title' | 'maxPoints' | 'durationMs'>) => void) {
  timed(check.id, check.title, check.maxPoints, () => {
    const outcome = check.evaluate(context);
    return {
      status: outcome.passed ? 'pass' : 'fail',
      points: outcome.passed ? check.maxPoints : 0,
      message: outcome.message,
      evidence: outcome.evidence,
      ...(check.hint !== undefined && !outcome.passed ? { hint: check.hint } : {}),
    };
  });
}

function missingClasses(designClasses: string[], scenario: ChallengeScenario): string[] {
  const present = new Set(designClasses);
  return scenario.traffic.classes.map((c) => c.id).filter((id) => !present.has(id));
}

/** Validates a scenario file (throws a zod error naming the field). */
export function parseScenario(input: unknown): ChallengeScenario {
  return scenarioSchema.parse(input);
}

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabDefinition, ProfileName, Report } from '@archlab/lab-kit';
import { z } from 'zod';
import { CandidateStartError } from './errors.ts';
import type { RunEvent } from './events.ts';
import { runLab } from './run-lab.ts';

const expectSchema = z.object({
  fails: z.array(z.string().min(1)).min(1),
  why: z.string().min(1),
});

export interface ValidationCase {
  /** "solution", "starter", "variant:<name>" or "mutant:<name>". */
  name: string;
  dir: string;
  /** The checks that must fail: none (the solution), at least one (the starter), or exactly these. */
  expected: { kind: 'pass' } | { kind: 'some-fail' } | { kind: 'exactly'; fails: string[]; why: string };
}

export interface ValidationAttempt {
  seed: number;
  verdict: Report['verdict'] | 'did-not-start';
  failed: string[];
  errored: string[];
  /** What each failed or ungradable check said, to explain an unexpected outcome. */
  messages: Record<string, string>;
  durationMs: number;
  /** Why this attempt does not meet the case's expectation; undefined when it does. */
  problem?: string;
}

export interface ValidationCaseResult extends ValidationCase {
  attempts: ValidationAttempt[];
  /** Attempts disagreed with each other about which checks failed. */
  flaky: boolean;
  ok: boolean;
}

export interface ValidationResult {
  lab: string;
  repeat: number;
  cases: ValidationCaseResult[];
  ok: boolean;
}

function subfolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** solution/ and variants/* must pass, starter/ must fail, mutants/* must fail exactly what they expect. */
export function validationCases<P>(lab: LabDefinition<P>): ValidationCase[] {
  const root = fileURLToPath(lab.root);
  const cases: ValidationCase[] = [
    { name: 'solution', dir: join(root, 'solution'), expected: { kind: 'pass' } },
    { name: 'starter', dir: join(root, 'starter'), expected: { kind: 'some-fail' } },
  ];
  for (const name of subfolders(join(root, 'variants'))) {
    cases.push({ name: `variant:${name}`, dir: join(root, 'variants', name), expected: { kind: 'pass' } });
  }
  const known = new Set(lab.checks.map((check) => check.id));
  for (const name of subfolders(join(root, 'mutants'))) {
    const dir = join(root, 'mutants', name);
    const parsed = expectSchema.safeParse(JSON.parse(readFileSync(join(dir, 'expect.json'), 'utf8')));
    if (!parsed.success) throw new Error(`mutants/${name}/expect.json: ${parsed.error.message}`);
    const unknown = parsed.data.fails.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new Error(`mutants/${name}/expect.json names unknown checks: ${unknown.join(', ')}`);
    cases.push({ name: `mutant:${name}`, dir, expected: { kind: 'exactly', ...parsed.data } });
  }
  return cases;
}

function judge(expected: ValidationCase['expected'], attempt: Omit<ValidationAttempt, 'problem'>): string | undefined {
  if (attempt.verdict === 'did-not-start') return 'the solution did not start';
  if (attempt.errored.length > 0) return `could not grade: ${attempt.errored.join(', ')}`;
  switch (expected.kind) {
    case 'pass':
      return attempt.failed.length === 0 ? undefined : `failed ${attempt.failed.join(', ')}`;
    case 'some-fail':
      return attempt.failed.length > 0 ? undefined : 'passed every check';
    case 'exactly': {
      const want = [...expected.fails].sort().join(', ');
      const got = [...attempt.failed].sort().join(', ');
      return want === got ? undefined : `failed [${got}], expected exactly [${want}]`;
    }
  }
}

/**
 * Proves a lab's grader: the solution passes, the starter fails, each mutant fails exactly the checks its
 * expect.json names, and repeating with other seeds changes nothing.
 */
export async function validateLab<P>(
  lab: LabDefinition<P>,
  options: {
    repeat?: number;
    profile?: ProfileName;
    baseSeed?: number;
    signal?: AbortSignal;
    onAttempt?: (caseName: string, attempt: ValidationAttempt) => void;
    onEvent?: (caseName: string, event: RunEvent) => void;
  } = {},
): Promise<ValidationResult> {
  const repeat = options.repeat ?? 1;
  const results: ValidationCaseResult[] = [];
  for (const testCase of validationCases(lab)) {
    const attempts: ValidationAttempt[] = [];
    for (let i = 0; i < repeat && !options.signal?.aborted; i++) {
      const seed = (options.baseSeed ?? 1) + i;
      const attempt = await attemptCase(lab, testCase, seed, options);
      attempts.push(attempt);
      options.onAttempt?.(testCase.name, attempt);
    }
    const outcomes = new Set(attempts.map((a) => `${a.verdict}:${a.failed.sort().join(',')}`));
    const flaky = outcomes.size > 1;
    results.push({ ...testCase, attempts, flaky, ok: !flaky && attempts.every((a) => !a.problem) });
  }
  return { lab: lab.id, repeat, cases: results, ok: results.every((r) => r.ok) };
}

async function attemptCase<P>(
  lab: LabDefinition<P>,
  testCase: ValidationCase,
  seed: number,
  options: { profile?: ProfileName; signal?: AbortSignal; onEvent?: (caseName: string, event: RunEvent) => void },
): Promise<ValidationAttempt> {
  const started = performance.now();
  let base: Omit<ValidationAttempt, 'problem'>;
  try {
    const report = await runLab({
      lab,
      solutionDir: testCase.dir,
      seed,
      ...(options.profile ? { profile: options.profile } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => options.onEvent?.(testCase.name, event),
    });
    base = {
      seed,
      verdict: report.verdict,
      failed: report.checks.filter((c) => c.status === 'fail').map((c) => c.id),
      errored: report.checks.filter((c) => c.status === 'error').map((c) => c.id),
      messages: Object.fromEntries(report.checks.filter((c) => c.status === 'fail' || c.status === 'error').map((c) => [c.id, c.message])),
      durationMs: report.durationMs,
    };
  } catch (error) {
    if (!(error instanceof CandidateStartError)) throw error;
    base = {
      seed,
      verdict: 'did-not-start',
      failed: [],
      errored: [],
      messages: { start: error.message },
      durationMs: Math.round(performance.now() - started),
    };
  }
  const problem = judge(testCase.expected, base);
  return problem ? { ...base, problem } : base;
}

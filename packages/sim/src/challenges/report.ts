// The report every grader produces (ARCHITECTURE.md, "The report"). lab-kit will own the zod
// schema; this is a structurally identical type so sim stays free of lab-kit.

export type CheckStatus = 'pass' | 'fail' | 'error' | 'skip';
export type Verdict = 'pass' | 'fail' | 'error';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  durationMs: number;
  /** Evidence first ("p99 of read 340 ms > 200 ms SLO; saturated: db at rho 1.40"), then a hint. */
  message: string;
  evidence?: Record<string, unknown>;
  hint?: string;
}

export interface Report {
  lab: string;
  profile: string;
  verdict: Verdict;
  score: number;
  maxScore: number;
  seed: number;
  durationMs: number;
  checks: CheckResult[];
  environment: {
    services: { postgres?: { version: string; provider: string }; redis?: { version: string; provider: string } };
    runner: string;
    node?: string;
  };
}

/** Any "error" makes the run ungradable; otherwise any "fail" fails it. Skips are neutral. */
export function verdictOf(checks: readonly Pick<CheckResult, 'status'>[]): Verdict {
  if (checks.some((check) => check.status === 'error')) return 'error';
  if (checks.some((check) => check.status === 'fail')) return 'fail';
  return 'pass';
}

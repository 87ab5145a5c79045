// The one report schema shared by the CLI, the API, the worker and the web app (ARCHITECTURE.md).
// "error" means the platform could not grade; it never counts against the candidate. "fail" is theirs.
import { z } from 'zod';

export const checkStatusSchema = z.enum(['pass', 'fail', 'error', 'skip']);
export const verdictSchema = z.enum(['pass', 'fail', 'error']);

export const checkResultSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  status: checkStatusSchema,
  points: z.number().min(0),
  maxPoints: z.number().min(0),
  durationMs: z.number().min(0),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  hint: z.string().optional(),
});

const serviceInfoSchema = z.object({ version: z.string(), provider: z.string() });

export const reportSchema = z.object({
  lab: z.string().min(1),
  profile: z.string().min(1),
  verdict: verdictSchema,
  score: z.number().min(0),
  maxScore: z.number().min(0),
  seed: z.number().int(),
  durationMs: z.number().min(0),
  checks: z.array(checkResultSchema),
  environment: z.object({
    services: z.object({ postgres: serviceInfoSchema.optional(), redis: serviceInfoSchema.optional() }),
    runner: z.string(),
    node: z.string().optional(),
  }),
});

export type CheckStatus = z.infer<typeof checkStatusSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type CheckResult = z.infer<typeof checkResultSchema>;
export type Report = z.infer<typeof reportSchema>;

/** Any "error" check makes the run ungradable; otherwise any "fail" fails it. Skips are neutral. */
export function verdictOf(checks: readonly Pick<CheckResult, 'status'>[]): Verdict {
  if (checks.some((check) => check.status === 'error')) return 'error';
  if (checks.some((check) => check.status === 'fail')) return 'fail';
  return 'pass';
}

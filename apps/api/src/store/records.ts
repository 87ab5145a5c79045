import { reportSchema } from '@archlab/lab-kit';
import { z } from 'zod';
import { gradingEventSchema } from '../grading-event.ts';

export const submissionStatusSchema = z.enum(['queued', 'running', 'done']);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const startFailureSchema = z.object({
  instance: z.string(),
  reason: z.enum(['build', 'exited', 'no-health']),
  detail: z.string(),
  logTail: z.string(),
});

const scores = { score: z.number().min(0), maxScore: z.number().min(0) };

/**
 * How a grading ended; exactly one per submission.
 * - graded: the runner produced a report (its verdict may be pass, fail, or error when a check could not be graded)
 * - did-not-start: the solution did not compile or start; the candidate's outcome, verdict "fail"
 * - could-not-grade: the platform failed (after its retries); verdict "error", never the candidate's fault
 */
export const gradingResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('graded'), verdict: z.enum(['pass', 'fail', 'error']), ...scores, report: reportSchema }),
  z.object({ outcome: z.literal('did-not-start'), verdict: z.literal('fail'), ...scores, startFailure: startFailureSchema }),
  z.object({ outcome: z.literal('could-not-grade'), verdict: z.literal('error'), ...scores, error: z.string() }),
]);
export type GradingResult = z.infer<typeof gradingResultSchema>;

export const submissionRowSchema = z
  .object({
    id: z.string(),
    lab: z.string(),
    profile: z.enum(['quick', 'full']),
    seed: z.number().int(),
    check_ids: z.array(z.string()).nullable(),
    status: submissionStatusSchema,
    runs: z.number().int(),
    created_at: z.date(),
    started_at: z.date().nullable(),
    finished_at: z.date().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    lab: row.lab,
    profile: row.profile,
    seed: row.seed,
    checkIds: row.check_ids,
    status: row.status,
    runs: row.runs,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  }));
export type StoredSubmission = z.output<typeof submissionRowSchema>;

export const submissionColumns = 'id, lab, profile, seed, check_ids, status, runs, created_at, started_at, finished_at';

export const reportRowSchema = z
  .object({
    outcome: z.enum(['graded', 'did-not-start', 'could-not-grade']),
    verdict: z.enum(['pass', 'fail', 'error']),
    score: z.coerce.number(),
    max_score: z.coerce.number(),
    report: z.unknown(),
    start_failure: z.unknown(),
    error: z.string().nullable(),
  })
  .transform((row, ctx): GradingResult => {
    const shaped = {
      outcome: row.outcome,
      verdict: row.verdict,
      score: row.score,
      maxScore: row.max_score,
      ...(row.outcome === 'graded' ? { report: row.report } : {}),
      ...(row.outcome === 'did-not-start' ? { startFailure: row.start_failure } : {}),
      ...(row.outcome === 'could-not-grade' ? { error: row.error } : {}),
    };
    const parsed = gradingResultSchema.safeParse(shaped);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: `stored report does not match its schema: ${parsed.error.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

export const submissionFilesSchema = z.array(z.object({ path: z.string(), content: z.string() }));

export const eventRowSchema = z
  .object({ id: z.coerce.number().int(), run: z.number().int(), created_at: z.date(), event: gradingEventSchema })
  .transform((row) => ({ id: row.id, attempt: row.run, at: row.created_at.toISOString(), event: row.event }));
export type StoredEvent = z.output<typeof eventRowSchema>;

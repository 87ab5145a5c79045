// What the API sends, checked where it enters the app (the API is another process, deployed on its own
// schedule). Objects are not strict: a field the API adds later is ignored, a field it drops is an error.
import { checkResultSchema, reportSchema } from '@archlab/lab-kit';
import { z } from 'zod';

const fileSchema = z.object({ path: z.string(), content: z.string() });

export const labSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  difficulty: z.enum(['intro', 'intermediate', 'advanced']),
  topics: z.array(z.string()),
  checkCount: z.number().int().min(0),
  maxScore: z.number().min(0),
});

export const submissionLimitsSchema = z.object({
  maxFiles: z.number().int().positive(),
  maxFileBytes: z.number().int().positive(),
  maxTotalBytes: z.number().int().positive(),
  maxPathLength: z.number().int().positive(),
  maxPathDepth: z.number().int().positive(),
  allowedExtensions: z.array(z.string()).min(1),
});

export const labDetailSchema = labSummarySchema.extend({
  readme: z.string(),
  entry: z.string(),
  starterFiles: z.array(fileSchema),
  checks: z.array(z.object({ id: z.string(), title: z.string(), points: z.number().min(0) })),
  profiles: z.array(z.object({ name: z.enum(['quick', 'full']), description: z.string() })),
  limits: submissionLimitsSchema,
});

export const labListSchema = z.object({ labs: z.array(labSummarySchema) });

const startFailureSchema = z.object({
  instance: z.string(),
  reason: z.enum(['build', 'exited', 'no-health']),
  detail: z.string(),
  logTail: z.string(),
});

const scores = { score: z.number().min(0), maxScore: z.number().min(0) };

export const gradingResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('graded'), verdict: z.enum(['pass', 'fail', 'error']), ...scores, report: reportSchema }),
  z.object({ outcome: z.literal('did-not-start'), verdict: z.literal('fail'), ...scores, startFailure: startFailureSchema }),
  z.object({ outcome: z.literal('could-not-grade'), verdict: z.literal('error'), ...scores, error: z.string() }),
]);

export const submissionViewSchema = z.object({
  id: z.string(),
  lab: z.string(),
  profile: z.enum(['quick', 'full']),
  seed: z.number().int(),
  status: z.enum(['queued', 'running', 'done']),
  attempts: z.number().int().min(0),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  result: gradingResultSchema.nullable(),
});

export const submissionFilesSchema = z.object({ files: z.array(fileSchema) });

export const gradingEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('attempt-start'), attempt: z.number().int().min(1) }),
  z.object({ type: z.literal('phase'), message: z.string() }),
  z.object({
    type: z.literal('run-start'),
    checks: z.array(z.object({ id: z.string(), title: z.string(), points: z.number() })),
  }),
  z.object({ type: z.literal('check-start'), id: z.string(), title: z.string(), index: z.number(), total: z.number() }),
  z.object({ type: z.literal('check-progress'), id: z.string(), message: z.string(), fraction: z.number().optional() }),
  z.object({ type: z.literal('check-end'), result: checkResultSchema }),
  z.object({ type: z.literal('run-end'), report: reportSchema }),
]);

/** One `progress` frame of the event stream: a stored event with its cursor and the attempt it belongs to. */
export const storedEventSchema = z.object({
  id: z.number().int().min(0),
  attempt: z.number().int().min(0),
  at: z.string(),
  // Checked apart: an event type this app does not know yet is skipped, not a broken stream.
  event: z.unknown(),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

export type LabSummary = z.infer<typeof labSummarySchema>;
export type LabDetail = z.infer<typeof labDetailSchema>;
export type SubmissionLimits = z.infer<typeof submissionLimitsSchema>;
export type WorkspaceFile = z.infer<typeof fileSchema>;
export type GradingResult = z.infer<typeof gradingResultSchema>;
export type StartFailure = z.infer<typeof startFailureSchema>;
export type SubmissionView = z.infer<typeof submissionViewSchema>;
export type GradingEvent = z.infer<typeof gradingEventSchema>;
export type StoredEvent = z.infer<typeof storedEventSchema>;
export type ApiIssue = NonNullable<z.infer<typeof errorBodySchema>['error']['issues']>[number];

import { checkResultSchema, reportSchema } from '@archlab/lab-kit';
import type { RunEvent } from '@archlab/runner';
import { z } from 'zod';

// The runner's RunEvent, as data: events cross processes (worker -> Postgres -> API -> browser).
const runEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phase'), message: z.string() }),
  z.object({
    type: z.literal('run-start'),
    lab: z.string(),
    profile: z.string(),
    seed: z.number(),
    checks: z.array(z.object({ id: z.string(), title: z.string(), points: z.number() })),
  }),
  z.object({ type: z.literal('check-start'), id: z.string(), title: z.string(), index: z.number(), total: z.number() }),
  z.object({ type: z.literal('check-progress'), id: z.string(), message: z.string(), fraction: z.number().optional() }),
  z.object({ type: z.literal('check-end'), result: checkResultSchema }),
  z.object({ type: z.literal('run-end'), report: reportSchema }),
]);

/**
 * What a grading streams: the runner's events, plus `attempt-start` when a worker (re)starts grading the
 * submission. An attempt after the first (a retry, or a worker that died) starts over: clients reset their
 * progress view on it.
 */
export const gradingEventSchema = z.union([
  runEventSchema,
  z.object({ type: z.literal('attempt-start'), attempt: z.number().int().min(1) }),
]);

export type GradingEvent = z.infer<typeof gradingEventSchema>;

// Compile-time proof that every RunEvent is a GradingEvent: the schema cannot drift from the runner's type.
export const runEventIsGradingEvent = (event: RunEvent): GradingEvent => event;

import type { SubmissionWithResult } from './store/submissions.ts';
import type { GradingResult, SubmissionStatus } from './store/records.ts';

/** A submission as the API returns it (GET /api/submissions/:id, the create response, the SSE `result` event). */
export interface SubmissionView {
  id: string;
  lab: string;
  profile: 'quick' | 'full';
  seed: number;
  /** The checks asked for; null means every check. */
  checks: string[] | null;
  status: SubmissionStatus;
  /** How many times a worker started grading it (retries and takeovers after a worker died count). */
  attempts: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Set once status is "done". */
  result: GradingResult | null;
  links: { self: string; events: string; files: string };
}

export function submissionView({ submission, result }: SubmissionWithResult): SubmissionView {
  const self = `/api/submissions/${submission.id}`;
  return {
    id: submission.id,
    lab: submission.lab,
    profile: submission.profile,
    seed: submission.seed,
    checks: submission.checkIds,
    status: submission.status,
    attempts: submission.runs,
    createdAt: submission.createdAt.toISOString(),
    startedAt: submission.startedAt?.toISOString() ?? null,
    finishedAt: submission.finishedAt?.toISOString() ?? null,
    result,
    links: { self, events: `${self}/events`, files: `${self}/files` },
  };
}

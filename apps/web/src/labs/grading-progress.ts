// Live progress of one grading, folded from its events: which check runs, what it is doing, and how
// each finished. Pure: the same events always give the same progress.
import type { CheckResult, Report } from '@archlab/lab-kit';
import type { GradingEvent } from './api-schemas.ts';

export type CheckProgressStatus = 'pending' | 'running' | CheckResult['status'];

export interface CheckProgress {
  id: string;
  title: string;
  points: number;
  status: CheckProgressStatus;
  /** The latest progress line while running, then the check's message. */
  message: string | null;
  /** 0..1 while running, when the check reports it. */
  fraction: number | null;
  result: CheckResult | null;
}

export interface GradingProgress {
  /** 0 until a worker starts; a retry (or a worker taking over) starts the next attempt from scratch. */
  attempt: number;
  /** The runner's latest phase ("starting redis", "starting 2 instances of src/server.ts"). */
  phase: string | null;
  checks: readonly CheckProgress[];
  report: Report | null;
}

export function initialProgress(checks: readonly { id: string; title: string; points: number }[]): GradingProgress {
  return { attempt: 0, phase: null, checks: checks.map(pendingCheck), report: null };
}

function pendingCheck({ id, title, points }: { id: string; title: string; points: number }): CheckProgress {
  return { id, title, points, status: 'pending', message: null, fraction: null, result: null };
}

function updateCheck(progress: GradingProgress, id: string, update: (check: CheckProgress) => CheckProgress): GradingProgress {
  if (!progress.checks.some((check) => check.id === id)) return progress;
  return { ...progress, checks: progress.checks.map((check) => (check.id === id ? update(check) : check)) };
}

export function applyGradingEvent(progress: GradingProgress, event: GradingEvent): GradingProgress {
  switch (event.type) {
    case 'attempt-start':
      return { attempt: event.attempt, phase: null, checks: progress.checks.map(pendingCheck), report: null };
    case 'phase':
      return { ...progress, phase: event.message };
    case 'run-start':
      return { ...progress, checks: event.checks.map(pendingCheck) };
    case 'check-start':
      return updateCheck({ ...progress, phase: `check ${event.index + 1} of ${event.total}: ${event.title}` }, event.id, (check) => ({
        ...check,
        status: 'running',
        message: null,
        fraction: null,
      }));
    case 'check-progress':
      return updateCheck(progress, event.id, (check) => ({ ...check, message: event.message, fraction: event.fraction ?? check.fraction }));
    case 'check-end':
      return updateCheck(progress, event.result.id, (check) => ({
        ...check,
        status: event.result.status,
        message: event.result.message,
        fraction: null,
        result: event.result,
      }));
    case 'run-end':
      return { ...progress, phase: null, report: event.report };
  }
}

/** Checks finished so far, for "3 of 7 checks done". */
export function finishedChecks(progress: GradingProgress): number {
  return progress.checks.filter((check) => check.status !== 'pending' && check.status !== 'running').length;
}

import type { CheckResult, Report } from '@archlab/lab-kit';

/** Everything a run tells its watcher, in order: the CLI prints it, the worker streams it over SSE. */
export type RunEvent =
  | { type: 'phase'; message: string }
  | { type: 'run-start'; lab: string; profile: string; seed: number; checks: { id: string; title: string; points: number }[] }
  | { type: 'check-start'; id: string; title: string; index: number; total: number }
  | { type: 'check-progress'; id: string; message: string; fraction?: number }
  | { type: 'check-end'; result: CheckResult }
  | { type: 'run-end'; report: Report };

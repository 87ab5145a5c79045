import {
  CouldNotGradeError,
  createRng,
  deriveSeed,
  type CheckContext,
  type CheckDefinition,
  type CheckOutcome,
  type CheckResult,
} from '@archlab/lab-kit';
import { sleep } from '@archlab/proc';
import { boundLoad } from './bound-load.ts';
import { describeIncident, type InstanceIncident } from './candidate-fleet.ts';

export interface CheckSetting<P> {
  check: CheckDefinition<P>;
  base: Omit<CheckContext<P>, 'rng' | 'load' | 'signal' | 'progress' | 'sleep'>;
  onProgress: (message: string, fraction?: number) => void;
  /** Exits of candidate instances the grader did not cause, collected after the check. */
  takeIncidents: () => Promise<InstanceIncident[]>;
  runSignal?: AbortSignal;
}

const defaultTimeoutMs = 30_000;

class CheckTimeout extends Error {}

/** Runs one check to a result. Only the candidate's observable behaviour can make it "fail". */
export async function runCheck<P>({ check, base, onProgress, takeIncidents, runSignal }: CheckSetting<P>): Promise<CheckResult> {
  const started = performance.now();
  const timeoutMs = check.timeoutMs ?? defaultTimeoutMs;
  const controller = new AbortController();
  const onRunAbort = () => controller.abort(runSignal?.reason);
  runSignal?.addEventListener('abort', onRunAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new CheckTimeout());
      reject(new CheckTimeout());
    }, timeoutMs);
  });
  const ctx: CheckContext<P> = {
    ...base,
    rng: createRng(deriveSeed(base.seed, check.id)),
    load: boundLoad(controller.signal),
    signal: controller.signal,
    progress: onProgress,
    sleep: (ms) => sleep(ms, controller.signal),
  };

  let status: CheckResult['status'];
  let message: string;
  let evidence: CheckOutcome['evidence'];
  try {
    const outcome = await Promise.race([check.run(ctx), timeout]);
    ({ status, message, evidence } = outcome);
    // An interrupted run cuts the load short; what the check saw then says nothing about the candidate.
    if (runSignal?.aborted) ({ status, message } = { status: 'error', message: 'could not grade: the run was interrupted' });
  } catch (error) {
    status = 'error';
    if (error instanceof CheckTimeout) message = `could not grade: the check did not finish within ${timeoutMs} ms`;
    else if (runSignal?.aborted) message = 'could not grade: the run was interrupted';
    else if (error instanceof CouldNotGradeError) message = `could not grade: ${error.message}`;
    else message = `could not grade: the grader hit an internal error (${(error as Error).message ?? String(error)})`;
  } finally {
    clearTimeout(timer);
    controller.abort();
    runSignal?.removeEventListener('abort', onRunAbort);
  }

  const incidents = await takeIncidents();
  if (incidents.length > 0 && status !== 'error') {
    // A crash of the candidate's service is the candidate's failure, whatever the measurements said.
    status = 'fail';
    message = [...incidents.map(describeIncident), message].filter(Boolean).join('; ');
    evidence = { ...evidence, crashes: incidents.map(({ instance, exit, logTail }) => ({ instance, exit, logTail })) };
  }

  const passed = status === 'pass';
  return {
    id: check.id,
    title: check.title,
    status,
    points: passed ? check.points : 0,
    maxPoints: check.points,
    durationMs: Math.round(performance.now() - started),
    message,
    ...(evidence ? { evidence } : {}),
    ...(passed ? {} : { hint: check.hint }),
  };
}

import { randomUUID } from 'node:crypto';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  claimSubmission,
  gradingJobSchema,
  recordResult,
  releaseClaim,
  renewClaim,
  submissionChannel,
  type ClaimedSubmission,
  type GradingResult,
  type Pool,
} from '@archlab/api';
import { UsageError, type Isolation } from '@archlab/runner';
import { createEventSink } from './event-sink.ts';
import { gradeFiles, GradingInterruptedError, UnsafeSubmissionError } from './grade-files.ts';
import { cachedLab, maxScoreOf } from './lab-cache.ts';
import { describe, type Log } from './log.ts';

export interface ProcessorDeps {
  pool: Pool;
  publisher: Redis;
  log: Log;
  /** How often a grading refreshes its claim. */
  heartbeatMs: number;
  /** A claim older than this belongs to a dead worker and may be taken over. */
  staleMs: number;
  /** How candidate processes are confined (see @archlab/runner's Isolation). */
  isolation: Isolation;
}

/** What a job returns (kept by BullMQ as the job's return value). */
export type JobOutcome = { outcome: GradingResult['outcome']; verdict: GradingResult['verdict']; written: boolean } | { outcome: 'already-done' };

/** A report with verdict "error" before the last attempt: some check could not be graded, so grade again. */
export class RetryableGradingError extends Error {
  override readonly name = 'RetryableGradingError';
}

function isLastAttempt(job: Job): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

async function finish(deps: ProcessorDeps, id: string, result: GradingResult): Promise<JobOutcome> {
  const written = await recordResult(deps.pool, id, result);
  await deps.publisher.publish(submissionChannel(id), 'result').catch(() => undefined);
  deps.log.info(written ? 'graded' : 'graded again; the first report stands', { submission: id, outcome: result.outcome, verdict: result.verdict });
  return { outcome: result.outcome, verdict: result.verdict, written };
}

async function couldNotGrade(deps: ProcessorDeps, claimed: ClaimedSubmission, message: string): Promise<JobOutcome> {
  const { submission } = claimed;
  return finish(deps, submission.id, {
    outcome: 'could-not-grade',
    verdict: 'error',
    score: 0,
    maxScore: await maxScoreOf(submission.lab, submission.checkIds),
    error: message,
  });
}

/**
 * One grading job: claim the stored submission, grade it, store its one result. Runs twice safely: a done
 * submission is left alone, a live claim elsewhere delays this job, and the result insert is ON CONFLICT DO
 * NOTHING. Platform failures are thrown for BullMQ to retry; on the last attempt they are stored as
 * "could not grade" (verdict error), never as the candidate's fail.
 */
export async function processGradingJob(job: Job, token: string | undefined, signal: AbortSignal | undefined, deps: ProcessorDeps): Promise<JobOutcome> {
  const parsed = gradingJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed grading job ${job.id}: ${parsed.error.message}`);
  const id = parsed.data.submissionId;
  const claimToken = randomUUID();
  const claim = await claimSubmission(deps.pool, id, claimToken, deps.staleMs);
  if (claim.kind === 'missing') throw new UnrecoverableError(`submission ${id} is not stored`);
  if (claim.kind === 'done') return { outcome: 'already-done' };
  if (claim.kind === 'held') {
    // Another worker is grading it right now: look again once its claim could have gone stale.
    if (!token) throw new Error(`submission ${id} is being graded elsewhere`);
    await job.moveToDelayed(Date.now() + deps.staleMs, token);
    throw new DelayedError();
  }

  const { claimed } = claim;
  const { submission } = claimed;
  deps.log.info('grading', { submission: id, lab: submission.lab, attempt: claimed.run, job: job.id });
  const events = createEventSink({ pool: deps.pool, publisher: deps.publisher, submissionId: id, run: claimed.run, log: deps.log });
  events.push({ type: 'attempt-start', attempt: claimed.run });
  const heartbeat = setInterval(() => {
    renewClaim(deps.pool, id, claimToken).catch(() => undefined);
  }, deps.heartbeatMs);

  let result: GradingResult;
  try {
    result = await gradeFiles({
      lab: await cachedLab(submission.lab),
      files: claimed.files,
      profile: submission.profile,
      seed: submission.seed,
      checkIds: submission.checkIds,
      isolation: deps.isolation,
      onEvent: (event) => events.push(event),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    clearInterval(heartbeat);
    await events.flush();
    if (signal?.aborted || error instanceof GradingInterruptedError) {
      await releaseClaim(deps.pool, id, claimToken).catch(() => undefined);
      throw new GradingInterruptedError(`grading of ${id} interrupted: the worker is stopping`);
    }
    // Our own bug or data, not a passing fault: retrying cannot help.
    if (error instanceof UsageError || error instanceof UnsafeSubmissionError) {
      deps.log.error('cannot grade', { submission: id, error: describe(error) });
      return couldNotGrade(deps, claimed, `could not grade: ${(error as Error).message}`);
    }
    if (isLastAttempt(job)) {
      deps.log.error('giving up', { submission: id, attempt: job.attemptsMade + 1, error: describe(error) });
      return couldNotGrade(deps, claimed, `could not grade after ${job.attemptsMade + 1} attempts: ${(error as Error).message}`);
    }
    deps.log.warn('grading failed; retrying', { submission: id, attempt: job.attemptsMade + 1, error: describe(error) });
    await releaseClaim(deps.pool, id, claimToken).catch(() => undefined);
    throw error;
  }
  clearInterval(heartbeat);
  await events.flush();

  if (result.verdict === 'error' && !isLastAttempt(job)) {
    await releaseClaim(deps.pool, id, claimToken).catch(() => undefined);
    const broken = result.outcome === 'graded' ? result.report.checks.filter((check) => check.status === 'error').map((check) => check.id) : [];
    deps.log.warn('some checks could not be graded; retrying', { submission: id, checks: broken });
    throw new RetryableGradingError(`checks that could not be graded: ${broken.join(', ')}`);
  }
  return finish(deps, id, result);
}

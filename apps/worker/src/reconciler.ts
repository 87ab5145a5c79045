import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  enqueueGrading,
  listUnfinished,
  recordResult,
  submissionChannel,
  type GradingRetryPolicy,
  type Pool,
  type Queryable,
} from '@archlab/api';
import { maxScoreOf } from './lab-cache.ts';
import { describe, type Log } from './log.ts';

export interface ReconcilerOptions {
  pool: Pool;
  queue: Queue;
  publisher: Redis;
  retryPolicy: GradingRetryPolicy;
  /** Between passes. */
  intervalMs: number;
  /** A claim older than this belongs to a dead worker. */
  staleMs: number;
  /** Submissions younger than this are left alone: the API may be between storing and enqueueing them. */
  graceMs: number;
  log: Log;
}

export interface ReconcilePass {
  /** Stored submissions whose job was gone (Redis lost it, or the API could not enqueue): queued again. */
  requeued: string[];
  /** Jobs that failed for good without a stored result (e.g. stalled too often): stored as "could not grade". */
  finalized: string[];
}

async function submissionLab(db: Queryable, id: string): Promise<{ lab: string; checkIds: string[] | null }> {
  const { rows } = await db.query('SELECT lab, check_ids FROM submissions WHERE id = $1', [id]);
  const row = rows[0] as { lab: string; check_ids: string[] | null };
  return { lab: row.lab, checkIds: row.check_ids };
}

/**
 * Postgres is the record, Redis only the queue: every pass makes each unfinished, unclaimed submission have
 * a live job again. This is what makes a Redis restart (which empties the queue) lose no submission. Safe in
 * many workers at once: the job id is the submission id, so a second add is a no-op.
 */
export async function reconcileOnce(options: ReconcilerOptions): Promise<ReconcilePass> {
  const pass: ReconcilePass = { requeued: [], finalized: [] };
  const unfinished = await listUnfinished(options.pool, { olderThanMs: options.graceMs, staleMs: options.staleMs, limit: 500 });
  for (const submission of unfinished) {
    if (!submission.unclaimed) continue;
    const state = await options.queue.getJobState(submission.id);
    if (state === 'failed') {
      const job = await options.queue.getJob(submission.id);
      const { lab, checkIds } = await submissionLab(options.pool, submission.id);
      await recordResult(options.pool, submission.id, {
        outcome: 'could-not-grade',
        verdict: 'error',
        score: 0,
        maxScore: await maxScoreOf(lab, checkIds),
        error: `could not grade: ${job?.failedReason ?? 'the grading job failed'}`,
      });
      await options.publisher.publish(submissionChannel(submission.id), 'result').catch(() => undefined);
      pass.finalized.push(submission.id);
    } else if (state === 'unknown' || state === 'completed') {
      if (state === 'completed') await options.queue.remove(submission.id);
      await enqueueGrading(options.queue, submission.id, options.retryPolicy);
      pass.requeued.push(submission.id);
    }
  }
  if (pass.requeued.length + pass.finalized.length > 0) options.log.warn('reconciled', { ...pass });
  return pass;
}

/** Runs a pass now and then every `intervalMs` until stopped; a failed pass (Redis or Postgres away) is logged. */
export function startReconciler(options: ReconcilerOptions): { stop(): Promise<void>; runNow(): Promise<ReconcilePass | undefined> } {
  let running: Promise<ReconcilePass | undefined> | undefined;
  let stopped = false;
  const runNow = () =>
    (running ??= reconcileOnce(options)
      .catch((error: unknown) => {
        options.log.warn('reconcile pass failed', { error: describe(error) });
        return undefined;
      })
      .finally(() => {
        running = undefined;
      }));
  const timer = setInterval(() => {
    if (!stopped) void runNow();
  }, options.intervalMs);
  void runNow();
  return {
    runNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

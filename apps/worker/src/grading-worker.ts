import type { Isolation } from '@archlab/runner';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  connectCommandRedis,
  createGradingQueue,
  createPool,
  defaultQueueName,
  defaultRetryPolicy,
  type GradingRetryPolicy,
} from '@archlab/api';
import { onTeardown } from '@archlab/proc';
import { describe, silentLog, type Log } from './log.ts';
import { processGradingJob, type JobOutcome } from './process-grading-job.ts';
import { startReconciler, type ReconcilePass } from './reconciler.ts';

export interface GradingWorkerOptions {
  databaseUrl: string;
  redisUrl: string;
  /** Default "gradings". */
  queueName?: string;
  /** Gradings at once in this process. Default 1 (a grading is CPU-heavy: load and timing checks). */
  concurrency?: number;
  /** BullMQ lock: a job whose worker stops renewing it for this long is stalled. Default 30 000 ms. */
  lockMs?: number;
  /** How often stalled jobs are looked for and given to another worker. Default: lockMs. */
  stalledIntervalMs?: number;
  /** Stalls (worker deaths) a job survives before it fails for good. Default 2. */
  maxStalledCount?: number;
  /** Claim heartbeat; a claim is stale after 3 of these. Default 5000 ms. */
  heartbeatMs?: number;
  /** Between reconciler passes. Default 15 000 ms. */
  reconcileIntervalMs?: number;
  /** Used when the reconciler re-enqueues. Default 3 attempts, 2000 ms backoff (as the API's). */
  retryPolicy?: GradingRetryPolicy;
  /**
   * How candidate processes are confined. Default "sandbox" (bubblewrap; fails closed where it is
   * missing): hosted grading never runs untrusted code with the worker's view of the machine.
   */
  isolation?: Isolation;
  /** Default: silent. */
  log?: Log;
}

export interface GradingWorker {
  readonly id: string;
  /** Runs a reconciler pass now (tests, and after a known Redis outage). */
  reconcileNow(): Promise<ReconcilePass | undefined>;
  /**
   * Stops taking jobs and waits for the gradings in flight to finish and store their results. After
   * `drainTimeoutMs` (default: no limit) the gradings left are interrupted: their claims are released and
   * their jobs retried by another worker.
   */
  close(options?: { drainTimeoutMs?: number }): Promise<void>;
}

export async function startGradingWorker(options: GradingWorkerOptions): Promise<GradingWorker> {
  const log = options.log ?? silentLog;
  const lockMs = options.lockMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? 5000;
  const staleMs = 3 * heartbeatMs;
  const queueName = options.queueName ?? defaultQueueName;
  const retryPolicy = options.retryPolicy ?? defaultRetryPolicy;

  const pool = createPool(options.databaseUrl, { onIdleError: (error) => log.warn('postgres connection lost', { error: describe(error) }) });
  const commands = connectCommandRedis(options.redisUrl);
  // BullMQ's blocking connection must wait out a Redis outage instead of failing its commands.
  const workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  workerConnection.on('error', () => undefined);
  const queue = createGradingQueue(commands, queueName);
  const deps = { pool, publisher: commands, log, heartbeatMs, staleMs, isolation: options.isolation ?? 'sandbox' };

  const worker = new Worker<unknown, JobOutcome>(queueName, (job, token, signal) => processGradingJob(job, token, signal, deps), {
    connection: workerConnection,
    concurrency: options.concurrency ?? 1,
    lockDuration: lockMs,
    stalledInterval: options.stalledIntervalMs ?? lockMs,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: false,
  });
  worker.on('error', (error) => log.warn('queue connection problem', { error: describe(error) }));
  worker.on('stalled', (jobId) => log.warn('stalled job handed out again', { job: jobId }));
  worker.on('failed', (job, error) => {
    if (job && error.name !== 'DelayedError') log.warn('job attempt failed', { job: job.id, attempts: job.attemptsMade, error: describe(error) });
  });

  const reconciler = startReconciler({
    pool,
    queue,
    publisher: commands,
    retryPolicy,
    intervalMs: options.reconcileIntervalMs ?? 15_000,
    staleMs,
    graceMs: 5000,
    log,
  });
  const running = worker.run().catch((error: unknown) => log.error('worker stopped', { error: describe(error) }));

  let closing: Promise<void> | undefined;
  const close = (drainTimeoutMs?: number) =>
    (closing ??= (async () => {
      await reconciler.stop();
      const drained = worker.close();
      if (drainTimeoutMs !== undefined) {
        const timer = setTimeout(() => worker.cancelAllJobs('the worker is stopping'), drainTimeoutMs);
        await drained;
        clearTimeout(timer);
      } else {
        await drained;
      }
      await running;
      await Promise.allSettled([queue.close(), pool.end()]);
      workerConnection.disconnect();
      commands.disconnect();
    })());
  const release = onTeardown(`grading worker ${worker.id}`, () => close(0));
  await worker.waitUntilReady().catch(() => undefined);
  log.info('worker started', { worker: worker.id, queue: queueName, concurrency: options.concurrency ?? 1 });

  return {
    id: worker.id,
    reconcileNow: reconciler.runNow,
    async close(closeOptions = {}) {
      await close(closeOptions.drainTimeoutMs);
      await release();
    },
  };
}

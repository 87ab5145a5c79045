import { defaultQueueName, defaultRetryPolicy } from '@archlab/api';
import { z } from 'zod';

const positive = z.coerce.number().int().positive();

/** Every environment variable the worker process reads (docker/ manifests are tested against this list). */
export const workerEnvSchema = z.object({
  DATABASE_URL: z.url(),
  REDIS_URL: z.url(),
  ARCHLAB_QUEUE: z.string().regex(/^[A-Za-z0-9_-]+$/).default(defaultQueueName),
  /** Gradings at once per process. Default 1. */
  WORKER_CONCURRENCY: positive.max(64).default(1),
  /** Default 30 000. */
  WORKER_LOCK_MS: positive.default(30_000),
  /** Default: WORKER_LOCK_MS. */
  WORKER_STALLED_INTERVAL_MS: positive.optional(),
  /** Default 2. */
  WORKER_MAX_STALLED: z.coerce.number().int().min(0).default(2),
  /** Default 5000; a claim is stale after 3 of these. */
  WORKER_HEARTBEAT_MS: positive.default(5000),
  /** Default 15 000. */
  WORKER_RECONCILE_MS: positive.default(15_000),
  /** How long SIGTERM waits for gradings in flight before interrupting them. Default 600 000. */
  WORKER_DRAIN_TIMEOUT_MS: z.coerce.number().int().min(0).default(600_000),
  GRADING_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(defaultRetryPolicy.attempts),
  GRADING_BACKOFF_MS: z.coerce.number().int().min(0).default(defaultRetryPolicy.backoffMs),
  /** sandbox (bubblewrap, default) or process (no sandbox: only where bubblewrap cannot run). */
  GRADING_ISOLATION: z.enum(['sandbox', 'process']).default('sandbox'),
  /** Apply migrations at start (under an advisory lock, so api and workers may all do it). Default true. */
  MIGRATE_ON_START: z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1').default(true),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
export const workerEnvVars = Object.keys(workerEnvSchema.shape);

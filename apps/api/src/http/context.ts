import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { GradingRetryPolicy } from '../grading-queue.ts';
import type { LabCatalog } from '../labs/lab-catalog.ts';
import type { SubmissionEventHub } from './event-hub.ts';
import type { FixedWindowLimiter } from './fixed-window-limiter.ts';

/** What the routes share: connections, the lab catalogue and the policies. */
export interface ApiContext {
  pool: pg.Pool;
  redis: Redis;
  queue: Queue;
  catalog: LabCatalog;
  hub: SubmissionEventHub;
  submissionLimiter: FixedWindowLimiter;
  retryPolicy: GradingRetryPolicy;
  /** How often a live SSE stream re-reads Postgres even without a nudge. */
  streamPollMs: number;
  newId: () => string;
}

import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';

/** The BullMQ queue the API fills and the workers drain (override with ARCHLAB_QUEUE). */
export const defaultQueueName = 'gradings';
export const gradingJobName = 'grade';

/** A job names a stored submission; everything else is read from Postgres. */
export const gradingJobSchema = z.object({ submissionId: z.uuid() });
export type GradingJob = z.infer<typeof gradingJobSchema>;

export interface GradingRetryPolicy {
  /** Runs of a job before the platform gives up and stores "could not grade". Default 3. */
  attempts: number;
  /** First retry delay; doubles on each retry (BullMQ exponential backoff). Default 2000 ms. */
  backoffMs: number;
}

export const defaultRetryPolicy: GradingRetryPolicy = { attempts: 3, backoffMs: 2000 };

/** Redis pub/sub channel on which a worker announces a submission's new events and its result. */
export function submissionChannel(submissionId: string): string {
  return `archlab:submission:${submissionId}`;
}

export function gradingJobOptions(submissionId: string, policy: GradingRetryPolicy): JobsOptions {
  return {
    // The submission id is the job id: adding the same submission twice while its job exists is a no-op.
    jobId: submissionId,
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/**
 * A Redis connection for commands that must fail fast when Redis is away (enqueue, rate limits) instead of
 * queueing until it is back: submissions are already stored, and the reconciler enqueues them later.
 */
export function connectCommandRedis(redisUrl: string): Redis {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 3000 });
  redis.on('error', () => undefined);
  return redis;
}

export function createGradingQueue(connection: Redis, name = defaultQueueName): Queue {
  const queue = new Queue(name, { connection });
  queue.on('error', () => undefined);
  return queue;
}

export async function enqueueGrading(queue: Queue, submissionId: string, policy: GradingRetryPolicy): Promise<void> {
  const job: GradingJob = { submissionId };
  await queue.add(gradingJobName, job, gradingJobOptions(submissionId, policy));
}

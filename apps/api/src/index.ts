export { createApi } from './app.ts';
export type { Api, ApiOptions } from './app.ts';
export { apiEnvSchema, apiEnvVars, readEnv, ConfigError } from './config.ts';
export type { ApiEnv } from './config.ts';
export { migrate, readMigrations, migrationsDir, MigrationChangedError } from './db/migrate.ts';
export type { Migration, MigrateResult } from './db/migrate.ts';
export { createPool, inTransaction } from './db/pool.ts';
export type { Pool, Queryable } from './db/pool.ts';
export {
  createGradingQueue,
  connectCommandRedis,
  enqueueGrading,
  gradingJobOptions,
  gradingJobSchema,
  gradingJobName,
  submissionChannel,
  defaultQueueName,
  defaultRetryPolicy,
} from './grading-queue.ts';
export type { GradingJob, GradingRetryPolicy } from './grading-queue.ts';
export { gradingEventSchema } from './grading-event.ts';
export type { GradingEvent } from './grading-event.ts';
export { loadLabCatalog } from './labs/lab-catalog.ts';
export type { LabCatalog, LabDetail, LabSummary } from './labs/lab-catalog.ts';
export { submissionLimits, filePathProblem, createSubmissionBodySchema } from './submission-request.ts';
export type { CreateSubmissionBody, SubmissionFile } from './submission-request.ts';
export type { SubmissionView } from './submission-view.ts';
export type { ErrorBody } from './http/api-error.ts';
export { gradingResultSchema, startFailureSchema } from './store/records.ts';
export type { GradingResult, StoredSubmission, StoredEvent, SubmissionStatus } from './store/records.ts';
export {
  claimSubmission,
  renewClaim,
  releaseClaim,
  recordResult,
  listUnfinished,
  findSubmission,
  insertSubmission,
} from './store/submissions.ts';
export type { ClaimOutcome, ClaimedSubmission, UnfinishedSubmission, SubmissionWithResult } from './store/submissions.ts';
export { appendEvent, eventsAfter } from './store/events.ts';

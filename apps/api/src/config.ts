import { z } from 'zod';
import { defaultQueueName, defaultRetryPolicy } from './grading-queue.ts';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** Every environment variable the API process reads (docker/ manifests are tested against this list). */
export const apiEnvSchema = z.object({
  DATABASE_URL: z.url(),
  REDIS_URL: z.url(),
  /** Default 3000; 0 picks a free port. */
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Default 127.0.0.1; containers use 0.0.0.0. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The built web app to serve under / (apps/web/dist). Default: none. */
  WEB_DIST: z.string().min(1).optional(),
  ARCHLAB_QUEUE: z.string().regex(/^[A-Za-z0-9_-]+$/).default(defaultQueueName),
  /** Per client (address) per minute. Default 10. */
  SUBMISSIONS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  GRADING_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(defaultRetryPolicy.attempts),
  GRADING_BACKOFF_MS: z.coerce.number().int().min(0).default(defaultRetryPolicy.backoffMs),
  /** Default false: set true behind a reverse proxy so that X-Forwarded-For names the client. */
  TRUST_PROXY: flag.default(false),
  /** Apply migrations at start (under an advisory lock). Default true. */
  MIGRATE_ON_START: flag.default(true),
  /** Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type ApiEnv = z.infer<typeof apiEnvSchema>;
export const apiEnvVars = Object.keys(apiEnvSchema.shape);

/** Thrown with every problem of the environment at once, named by variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      `invalid environment:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')}`,
    );
  }
  return parsed.data;
}

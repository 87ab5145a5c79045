// The API process: reads its environment, migrates (under an advisory lock), serves until SIGTERM/SIGINT.
import { installInterruptHandlers, teardownAll } from '@archlab/proc';
import { createApi } from './app.ts';
import { apiEnvSchema, ConfigError, readEnv } from './config.ts';
import { createPool } from './db/pool.ts';
import { migrate } from './db/migrate.ts';

installInterruptHandlers();

try {
  const env = readEnv(apiEnvSchema, process.env);
  if (env.MIGRATE_ON_START) {
    const pool = createPool(env.DATABASE_URL, { max: 1 });
    try {
      const { applied } = await migrate(pool);
      if (applied.length > 0) process.stdout.write(`migrated: ${applied.join(', ')}\n`);
    } finally {
      await pool.end();
    }
  }
  const api = await createApi({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queueName: env.ARCHLAB_QUEUE,
    submissionsPerMinute: env.SUBMISSIONS_PER_MINUTE,
    retryPolicy: { attempts: env.GRADING_ATTEMPTS, backoffMs: env.GRADING_BACKOFF_MS },
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL === 'silent' ? false : env.LOG_LEVEL,
    ...(env.WEB_DIST ? { webDist: env.WEB_DIST } : {}),
  });
  const url = await api.listen(env.PORT, env.HOST);
  process.stdout.write(`api listening on ${url}\n`);
} catch (error) {
  process.stderr.write(`api did not start: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  await teardownAll();
  process.exit(1);
}

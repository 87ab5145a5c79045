// The worker process. SIGTERM drains: no new jobs, the gradings in flight finish and store their results,
// then it exits 0 (a second SIGTERM or SIGINT interrupts them; other workers retry them). SIGINT alone tears
// down at once, as every archlab process does on Ctrl-C.
import { createPool, migrate, readEnv } from '@archlab/api';
import { installInterruptHandlers, teardownAll } from '@archlab/proc';
import { workerEnvSchema } from './config.ts';
import { startGradingWorker } from './grading-worker.ts';
import { describe, jsonLog } from './log.ts';

const log = jsonLog();
let draining = false;
installInterruptHandlers({
  onSignal: (signal) => log.warn('stopping now', { signal, inFlight: 'interrupted' }),
});

try {
  const env = readEnv(workerEnvSchema, process.env);
  if (env.MIGRATE_ON_START) {
    const pool = createPool(env.DATABASE_URL, { max: 1 });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
  }
  const worker = await startGradingWorker({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queueName: env.ARCHLAB_QUEUE,
    concurrency: env.WORKER_CONCURRENCY,
    lockMs: env.WORKER_LOCK_MS,
    ...(env.WORKER_STALLED_INTERVAL_MS ? { stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS } : {}),
    maxStalledCount: env.WORKER_MAX_STALLED,
    heartbeatMs: env.WORKER_HEARTBEAT_MS,
    reconcileIntervalMs: env.WORKER_RECONCILE_MS,
    retryPolicy: { attempts: env.GRADING_ATTEMPTS, backoffMs: env.GRADING_BACKOFF_MS },
    isolation: env.GRADING_ISOLATION,
    log,
  });
  // Interrupting: abort the gradings first (their results are then never stored, their jobs go to another
  // worker), and only then tear down what they were using; the other order would look like candidate crashes.
  const interrupt = (code: number) => {
    void worker
      .close({ drainTimeoutMs: 0 })
      .catch((error: unknown) => log.warn('interrupting the gradings failed', { error: describe(error) }))
      .then(() => teardownAll())
      .finally(() => process.exit(code));
  };
  process.removeAllListeners('SIGINT');
  process.on('SIGINT', () => {
    log.warn('stopping now', { signal: 'SIGINT', inFlight: 'interrupted' });
    interrupt(130);
  });
  // Replaces the interrupt handler's SIGTERM: the first one drains instead of tearing down.
  process.removeAllListeners('SIGTERM');
  process.on('SIGTERM', () => {
    if (draining) {
      log.warn('second SIGTERM: interrupting the gradings in flight');
      interrupt(143);
      return;
    }
    draining = true;
    log.info('SIGTERM: draining');
    void worker
      .close({ drainTimeoutMs: env.WORKER_DRAIN_TIMEOUT_MS })
      .then(() => teardownAll())
      .then(() => {
        log.info('drained; bye');
        process.exit(0);
      });
  });
} catch (error) {
  log.error('worker did not start', { error: describe(error) });
  await teardownAll();
  process.exit(1);
}

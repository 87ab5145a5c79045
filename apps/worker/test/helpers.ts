import { fileURLToPath } from 'node:url';
import { spawnManaged, waitFor, type ManagedProcess } from '@archlab/proc';
import { sharedPostgres, startRedis, type RedisInstance } from '@archlab/services';
import {
  createApi,
  createPool,
  migrate,
  type Api,
  type ApiOptions,
  type Pool,
  type StoredEvent,
  type SubmissionView,
} from '@archlab/api';
import { readSse as readApiSse, type Answer, type SseFrame } from '../../api/test/helpers.ts';

// Submission files, SSE frames and answers are read the same way as in the API's own tests.
export { labFiles, type SseFrame } from '../../api/test/helpers.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const workerMain = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface Stack {
  databaseUrl: string;
  redis: RedisInstance;
  pool: Pool;
  api: Api;
  url: string;
  close(): Promise<void>;
}

/** A fresh migrated database, a fresh Redis and an API on a free port: one test's whole backend but the workers. */
export async function startStack(apiOptions: Partial<ApiOptions> = {}): Promise<Stack> {
  const database = await (await sharedPostgres()).createDatabase();
  const closers: (() => Promise<unknown>)[] = [() => database.drop()];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => undefined);
  };
  try {
    const redis = await startRedis();
    closers.push(() => redis.stop());
    const pool = createPool(database.url, { max: 4 });
    closers.push(() => pool.end());
    await migrate(pool);
    const api = await createApi({ databaseUrl: database.url, redisUrl: redis.url, submissionsPerMinute: 1000, streamPollMs: 500, ...apiOptions });
    closers.push(() => api.close());
    const url = await api.listen(0);
    return { databaseUrl: database.url, redis, pool, api, url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Fast failure detection for tests: 2 s locks, 500 ms heartbeats, a reconciler pass every second. */
export const quickWorkerEnv = {
  MIGRATE_ON_START: 'false',
  WORKER_LOCK_MS: '2000',
  WORKER_STALLED_INTERVAL_MS: '1000',
  WORKER_HEARTBEAT_MS: '500',
  WORKER_RECONCILE_MS: '1000',
  GRADING_BACKOFF_MS: '200',
};

/** A real worker process (what SIGKILL and SIGTERM are tested on); resolves once it takes jobs. */
export async function spawnWorker(stack: Stack, label: string, env: Record<string, string> = {}): Promise<ManagedProcess> {
  let ready = false;
  const worker = spawnManaged(process.execPath, ['--import', 'tsx', workerMain], {
    label,
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: stack.databaseUrl, REDIS_URL: stack.redis.url, ...quickWorkerEnv, ...env },
    onOutput: (chunk) => {
      if (chunk.toString().includes('"worker started"')) ready = true;
    },
  });
  const started = await waitFor(() => (ready ? true : undefined), { timeoutMs: 20_000, stopWhen: () => worker.exitInfo() !== undefined });
  if (!started) {
    await worker.stop();
    throw new Error(`${label} did not start:\n${worker.output(30)}`);
  }
  return worker;
}

export async function submit(stack: Stack, body: Record<string, unknown>): Promise<SubmissionView> {
  const response = await fetch(`${stack.url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lab: 'rate-limiter', ...body }),
  });
  const answer = (await response.json()) as Answer;
  if (response.status !== 201) throw new Error(`submit: HTTP ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

export async function readSubmission(stack: Stack, id: string): Promise<SubmissionView> {
  return (await (await fetch(`${stack.url}/api/submissions/${id}`)).json()) as SubmissionView;
}

/** Polls until the submission is done; throws with its last state after `timeoutMs`. */
export async function waitUntilDone(stack: Stack, id: string, timeoutMs = 60_000): Promise<SubmissionView> {
  const done = await waitFor(
    async () => {
      const view = await readSubmission(stack, id);
      return view.status === 'done' ? view : undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );
  if (!done) throw new Error(`submission ${id} not done after ${timeoutMs} ms: ${JSON.stringify(await readSubmission(stack, id))}`);
  return done;
}

export async function storedEvents(stack: Stack, id: string): Promise<StoredEvent['event'][]> {
  const { rows } = await stack.pool.query('SELECT event FROM submission_events WHERE submission_id = $1 ORDER BY id', [id]);
  return rows.map((row) => (row as { event: StoredEvent['event'] }).event);
}

export async function reportCount(stack: Stack, id: string): Promise<number> {
  const { rows } = await stack.pool.query('SELECT count(*)::int AS n FROM reports WHERE submission_id = $1', [id]);
  return (rows[0] as { n: number }).n;
}

/** The API tests' SSE reader, with a longer default wait: a worker grades before the stream ends. */
export function readSse(url: string, options: Parameters<typeof readApiSse>[1] = {}): Promise<SseFrame[]> {
  return readApiSse(url, { timeoutMs: 60_000, ...options });
}

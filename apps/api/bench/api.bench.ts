// The hosted path end to end, as separate processes like production: the API and grading workers as child
// processes on a fresh PostgreSQL cluster and Redis. Prints one JSON object:
// - submit -> first progress event -> first check started -> verdict, for the rate limiter's reference solution (every check)
// - gradings per minute with 1 and with 2 worker processes (concurrency 1 each) on this machine
// - GET /api/labs requests per second (autocannon)
// BENCH_GRADINGS (default 4) sets how many gradings each throughput run submits.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { installInterruptHandlers, spawnManaged, teardownAll, waitFor, type ManagedProcess } from '@archlab/proc';
import { startPostgres, startRedis } from '@archlab/services';
import { createPool, migrate, type SubmissionView } from '../src/index.ts';

installInterruptHandlers();

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const gradings = Number(process.env.BENCH_GRADINGS ?? 4);
const latencySamples = 2;

const solutionDir = join(repoRoot, 'labs', 'rate-limiter', 'solution');
const files = readdirSync(solutionDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => {
    const absolute = join(entry.parentPath, entry.name);
    return { path: absolute.slice(solutionDir.length + 1), content: readFileSync(absolute, 'utf8') };
  });

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

async function startChild(label: string, entry: string, env: Record<string, string>, ready: RegExp): Promise<{ child: ManagedProcess; match: RegExpExecArray }> {
  const child = spawnManaged(process.execPath, ['--import', 'tsx', entry], { label, cwd: repoRoot, env: { ...process.env, ...env } });
  const match = await waitFor(() => ready.exec(child.output()) ?? undefined, { timeoutMs: 30_000, stopWhen: () => child.exitInfo() !== undefined });
  if (!match) throw new Error(`${label} did not start:\n${child.output(20)}`);
  return { child, match };
}

async function submit(url: string, seed: number): Promise<SubmissionView> {
  const response = await fetch(`${url}/api/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ lab: 'rate-limiter', files, seed }),
  });
  if (response.status !== 201) throw new Error(`submit: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SubmissionView;
}

/** Submits, reads the event stream from the start, and times its first progress frame and its result. */
async function timedGrading(url: string, seed: number) {
  const started = performance.now();
  const created = await submit(url, seed);
  const response = await fetch(`${url}${created.links.events}`, { signal: AbortSignal.timeout(180_000) });
  const decoder = new TextDecoder();
  let text = '';
  let firstProgressMs: number | undefined;
  let firstCheckMs: number | undefined;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    if (firstProgressMs === undefined && text.includes('event: progress')) firstProgressMs = performance.now() - started;
    if (firstCheckMs === undefined && text.includes('"type":"check-start"')) firstCheckMs = performance.now() - started;
  }
  const result = /event: result\ndata: (.*)\n/.exec(text)?.[1];
  const view = JSON.parse(result ?? '{}') as SubmissionView;
  return { firstProgressMs: round(firstProgressMs ?? NaN), firstCheckStartMs: round(firstCheckMs ?? NaN), verdictMs: round(performance.now() - started), verdict: view.result?.verdict };
}

async function waitDone(url: string, id: string): Promise<SubmissionView> {
  const done = await waitFor(
    async () => {
      const view = (await (await fetch(`${url}/api/submissions/${id}`)).json()) as SubmissionView;
      return view.status === 'done' ? view : undefined;
    },
    { timeoutMs: 15 * 60_000, intervalMs: 250 },
  );
  if (!done) throw new Error(`submission ${id} not done`);
  return done;
}

async function throughput(url: string, workers: number, seedBase: number) {
  const started = performance.now();
  const created = await Promise.all(Array.from({ length: gradings }, (_, index) => submit(url, seedBase + index)));
  const done = await Promise.all(created.map((submission) => waitDone(url, submission.id)));
  const minutes = (performance.now() - started) / 60_000;
  const verdicts: Record<string, number> = {};
  for (const view of done) verdicts[view.result?.verdict ?? 'none'] = (verdicts[view.result?.verdict ?? 'none'] ?? 0) + 1;
  return { workers, gradings, seconds: round(minutes * 60), gradingsPerMinute: round(gradings / minutes, 2), verdicts };
}

async function labsPerSecond(url: string) {
  const result = await autocannon({ url: `${url}/api/labs`, connections: 10, duration: 5 });
  return { connections: 10, durationS: 5, requestsPerSecond: Math.round(result.requests.average), p99Ms: result.latency.p99, non2xx: result.non2xx };
}

try {
  const postgres = await startPostgres();
  const database = await postgres.createDatabase();
  const redis = await startRedis();
  const pool = createPool(database.url, { max: 1 });
  await migrate(pool);
  await pool.end();

  const env = { DATABASE_URL: database.url, REDIS_URL: redis.url, MIGRATE_ON_START: 'false' };
  const { match } = await startChild(
    'api',
    'apps/api/src/main.ts',
    { ...env, PORT: '0', LOG_LEVEL: 'silent', SUBMISSIONS_PER_MINUTE: '100000' },
    /api listening on (http:\/\/\S+)/,
  );
  const url = match[1]!;
  const workerReady = /"worker started"/;
  await startChild('worker-1', 'apps/worker/src/main.ts', env, workerReady);

  const latency = [];
  for (let sample = 0; sample < latencySamples; sample++) latency.push(await timedGrading(url, 100 + sample));
  const oneWorker = await throughput(url, 1, 200);
  await startChild('worker-2', 'apps/worker/src/main.ts', env, workerReady);
  const twoWorkers = await throughput(url, 2, 300);
  const labs = await labsPerSecond(url);

  const result = {
    machine: { cpus: cpus().length, loadAverage1m: round(loadavg()[0]!, 2), node: process.versions.node },
    submitToVerdict: { samples: latency, note: 'reference solution, quick profile, every check; one worker idle before each submit' },
    throughput: [oneWorker, twoWorkers],
    getLabs: labs,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} finally {
  await teardownAll();
}

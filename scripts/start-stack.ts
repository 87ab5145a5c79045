// `npm start` ends here (through scripts/bootstrap.mjs): local PostgreSQL and Redis, migrations, the web app
// built, then the API (serving the app under the same URL) and a grading worker as child processes. Ctrl-C
// stops everything. DATABASE_URL / REDIS_URL point it at servers you run instead; without them it starts a
// fresh PostgreSQL cluster and Redis, so submissions last until Ctrl-C.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPool, migrate } from '../apps/api/src/index.ts';
import { freePort, installInterruptHandlers, spawnManaged, teardownAll, waitFor, type ManagedProcess } from '../packages/proc/src/index.ts';
import { startPostgres, startRedis } from '../packages/services/src/index.ts';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const webDir = join(repoRoot, 'apps', 'web');

function say(message: string): void {
  process.stderr.write(`[archlab] ${message}\n`);
}

let stopping = false;
installInterruptHandlers({
  onSignal: () => {
    stopping = true;
    say('stopping: api, worker, Redis and PostgreSQL...');
  },
});

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** PORT (default 3000), or a free port when that one is taken. */
async function choosePort(): Promise<number> {
  const wanted = Number(process.env.PORT ?? 3000);
  if (Number.isInteger(wanted) && wanted > 0 && (await portIsFree(wanted))) return wanted;
  const port = await freePort();
  say(`port ${wanted} is taken; using ${port}`);
  return port;
}

async function databaseUrl(): Promise<string> {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  say('starting PostgreSQL (a fresh cluster: submissions last until Ctrl-C; set DATABASE_URL to keep them)...');
  const server = await startPostgres();
  return (await server.createDatabase()).url;
}

async function redisUrl(): Promise<string> {
  if (process.env.REDIS_URL) return process.env.REDIS_URL;
  say('starting Redis...');
  return (await startRedis()).url;
}

/** pnpm as it invoked us (npm_execpath), else pnpm on the PATH. */
function pnpmCommand(): [string, string[]] {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return [process.execPath, [execPath]];
  return ['pnpm', []];
}

/** Builds apps/web when it has a build script; returns its dist/ or undefined (the API then serves no app). */
async function buildWeb(): Promise<string | undefined> {
  const manifest = join(webDir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  const { name, scripts } = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; scripts?: Record<string, string> };
  const dist = join(webDir, 'dist');
  if (!scripts?.build) return undefined;
  if (process.env.ARCHLAB_SKIP_WEB_BUILD === '1') return existsSync(join(dist, 'index.html')) ? dist : undefined;
  say('building the web app...');
  const [command, prefix] = pnpmCommand();
  const build = spawnManaged(command, [...prefix, '--filter', name, 'build'], { label: 'web build', cwd: repoRoot });
  const { code } = await build.exited;
  await build.stop();
  if (code !== 0) {
    say(`the web app did not build (exit ${code}); serving the API only. Its output:\n${build.output(30)}`);
    return undefined;
  }
  return dist;
}

function startChild(label: string, entry: string, env: NodeJS.ProcessEnv): ManagedProcess {
  return spawnManaged(process.execPath, ['--import', 'tsx', entry], {
    label,
    cwd: repoRoot,
    env: { ...process.env, ...env },
    onOutput: (chunk) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`[${label}] ${line}\n`);
    },
  });
}

async function main(): Promise<void> {
  const port = await choosePort();
  const [database, redis] = await Promise.all([databaseUrl(), redisUrl()]);
  const pool = createPool(database, { max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  const webDist = await buildWeb();
  const shared = { DATABASE_URL: database, REDIS_URL: redis, MIGRATE_ON_START: 'false' };
  const api = startChild('api', 'apps/api/src/main.ts', {
    ...shared,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(webDist ? { WEB_DIST: webDist } : {}),
  });
  const worker = startChild('worker', 'apps/worker/src/main.ts', { ...shared, WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? '1' });

  for (const child of [api, worker]) {
    void child.exited.then(async (exit) => {
      if (stopping) return;
      say(`${child.label} stopped unexpectedly (${exit.signal ?? `exit ${exit.code}`}); stopping everything`);
      stopping = true;
      await teardownAll();
      process.exit(1);
    });
  }
  const url = `http://127.0.0.1:${port}`;
  const healthy = await waitFor(
    async () => ((await fetch(`${url}/api/health`).catch(() => undefined))?.status === 200 ? true : undefined),
    { timeoutMs: 60_000, intervalMs: 200, stopWhen: () => stopping },
  );
  if (!healthy) throw new Error(`the API did not answer ${url}/api/health within 60 s`);
  process.stdout.write(`archlab is running at ${url}${webDist ? '' : ' (API only: no web app built)'}\n`);
  say('Ctrl-C stops everything');
}

try {
  await main();
} catch (error) {
  say(`could not start: ${(error as Error).message}`);
  await teardownAll();
  process.exit(1);
}

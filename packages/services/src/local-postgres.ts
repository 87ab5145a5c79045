import { randomBytes } from 'node:crypto';
import { appendFile, chown, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, memoryBackedTempRoot, spawnManaged, type ManagedProcess, type TempDir } from '@archlab/proc';
import type { PostgresBinaries } from './binaries.ts';
import { ServiceStartError } from './errors.ts';
import { LocalServer } from './local-server.ts';
import { acceptsConnections, postgresVersion } from './postgres-client.ts';
import { shutDownPostgres, signalPostgres } from './postgres-signals.ts';
import type { PostgresBackend } from './postgres-server.ts';
import type { ServiceAccount } from './service-account.ts';

const host = '127.0.0.1';

/** PG* variables (PGDATA, PGPORT, ...) would quietly change what initdb and postgres do. */
function serverEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PG')));
}

/**
 * No fsync (the cluster is thrown away), loopback only, the socket in our own dir, and dynamic shared
 * memory as files in the data dir rather than in /dev/shm, where a killed server would leak them.
 * synchronous_commit stays on: without fsync a commit costs one write(), and the kill fault must not lose
 * transactions the candidate saw committed (with it off, the last ~200 ms vanish on SIGKILL).
 */
function throwawayConfig(socketDir: string): string {
  return [
    '',
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir.replaceAll("'", "''")}'`,
    'fsync = off',
    'full_page_writes = off',
    'dynamic_shared_memory_type = mmap',
    '',
  ].join('\n');
}

/**
 * TCP connections need the superuser's password (every run's code shares loopback: one must not reach
 * another's cluster, nor a platform database started here); the unix socket, in our own 0700 dir, trusts.
 */
async function runInitdb(
  initdb: string,
  dataDir: string,
  passwordFile: string,
  account: ServiceAccount,
  signal?: AbortSignal,
): Promise<void> {
  // macOS has no C.UTF-8 locale; plain C with UTF8 encoding behaves the same for our purposes there.
  const locale = process.platform === 'darwin' ? 'C' : 'C.UTF-8';
  const auth = ['--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${passwordFile}`];
  const args = ['-D', dataDir, '-U', 'postgres', ...auth, '-E', 'UTF8', `--locale=${locale}`, '--no-sync'];
  const child = spawnManaged(initdb, args, { label: 'initdb', runAs: account.runAs, env: serverEnv() });
  const onAbort = () => void child.stop(0);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const exit = await child.exited;
    signal?.throwIfAborted();
    if (exit.code !== 0) {
      const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
      throw new ServiceStartError('postgres', 'local', `initdb exited with ${how}`, child.output(40));
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await child.stop();
  }
}

/**
 * A SIGKILLed postmaster leaves its small SysV shared memory segment behind (a restart would reuse and free
 * it). When the cluster is stopped without a restart we remove it, or each kill fault would leak one.
 */
async function removeOrphanedSegment(dataDir: string): Promise<void> {
  const pidFile = await readFile(join(dataDir, 'postmaster.pid'), 'utf8').catch(() => '');
  const shmid = pidFile.split('\n')[6]?.trim().split(/\s+/)[1];
  if (!shmid || !/^\d+$/.test(shmid)) return;
  const ipcrm = spawnManaged('ipcrm', ['-m', shmid], { label: 'ipcrm' });
  await ipcrm.exited;
  await ipcrm.stop();
}

function spawnPostgres(binary: string, dir: TempDir, account: ServiceAccount, port: number): ManagedProcess {
  return spawnManaged(binary, ['-D', join(dir.path, 'data'), '-p', String(port)], {
    label: `postgres :${port}`,
    runAs: account.runAs,
    env: serverEnv(),
    outputCapBytes: 128 * 1024,
  });
}

/** initdb + postgres in a fresh temp dir, on a free loopback port, run as `account`. */
export async function startLocalPostgres(
  binaries: PostgresBinaries,
  account: ServiceAccount,
  signal?: AbortSignal,
): Promise<PostgresBackend> {
  signal?.throwIfAborted();
  const dir = await makeTempDir('archlab-pg-', { parent: memoryBackedTempRoot() });
  const dataDir = join(dir.path, 'data');
  const password = randomBytes(18).toString('hex');
  try {
    const passwordFile = join(dir.path, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (account.uid !== undefined && account.gid !== undefined) {
      await chown(dir.path, account.uid, account.gid);
      await chown(passwordFile, account.uid, account.gid);
    }
    await runInitdb(binaries.initdb, dataDir, passwordFile, account, signal);
    await rm(passwordFile);
    await appendFile(join(dataDir, 'postgresql.conf'), throwawayConfig(dir.path));
  } catch (error) {
    await dir.remove();
    throw error;
  }
  const adminUrlFor = (port: number) => `postgres://postgres:${password}@${host}:${port}/postgres`;
  const server = await LocalServer.start(
    {
      service: 'postgres',
      spawn: (port) => spawnPostgres(binaries.postgres, dir, account, port),
      answers: (port) => acceptsConnections(adminUrlFor(port), 1000),
      transientFailure: (output) =>
        /address already in use|could not create any TCP\/IP sockets|shared memory block .* is still in use/i.test(output),
      readyTimeoutMs: 30_000,
      readyIntervalMs: 10,
      signal: signalPostgres,
      shutdown: async (postmaster) => {
        if ((await shutDownPostgres(postmaster)) === 'SIGKILL') await removeOrphanedSegment(dataDir);
      },
      afterKilled: () => removeOrphanedSegment(dataDir),
      release: () => dir.remove(),
    },
    signal,
  );
  const adminUrl = adminUrlFor(server.port);
  try {
    return {
      adminUrl,
      info: { provider: 'local', version: await postgresVersion(adminUrl) },
      faults: server.faults,
      ownsCluster: true,
      answering: () => server.answering,
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

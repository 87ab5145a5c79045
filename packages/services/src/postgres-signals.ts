import { readFile } from 'node:fs/promises';
import { sleep, waitFor, type ManagedProcess } from '@archlab/proc';
import { childPids } from './child-pids.ts';

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/** The state letter of /proc/<pid>/stat ('T' stopped, 'Z' zombie, ...); undefined without /proc or once gone. */
async function processState(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  return stat.charAt(stat.lastIndexOf(')') + 2);
}

/** kill() only queues a signal: wait until the process has really stopped (where /proc tells us). */
async function untilStopped(pid: number): Promise<void> {
  await waitFor(async () => ((await processState(pid)) ?? 'T') === 'T' || undefined, {
    timeoutMs: 1000,
    intervalMs: 2,
  });
}

async function isGone(pid: number): Promise<boolean> {
  const state = await processState(pid);
  if (state !== undefined) return state === 'Z' || state === 'X';
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/** A restart must not begin while a killed child still holds the old shared memory. */
async function untilAllGone(pids: number[]): Promise<void> {
  await waitFor(async () => ((await Promise.all(pids.map(isGone))).every(Boolean) ? true : undefined), {
    timeoutMs: 2000,
    intervalMs: 5,
  });
}

/**
 * Signals a whole PostgreSQL server. Every child of the postmaster (backends, checkpointer, ...) calls
 * setsid() and so has its own process group: a group signal reaches only the postmaster. The postmaster is
 * stopped first, so that it forks no new child while we signal the ones it has.
 */
export async function signalPostgres(postmaster: ManagedProcess, signal: NodeJS.Signals): Promise<void> {
  if (signal === 'SIGCONT') {
    for (const child of await childPids(postmaster.pid)) signalPid(child, signal);
    postmaster.signalGroup(signal);
    return;
  }
  postmaster.signalGroup('SIGSTOP');
  await untilStopped(postmaster.pid);
  const children = await childPids(postmaster.pid);
  for (const child of children) signalPid(child, signal);
  if (signal === 'SIGSTOP') return;
  postmaster.signalGroup(signal);
  if (signal === 'SIGKILL') await untilAllGone(children);
}

/** How long a fast shutdown may take before the server is killed. */
const fastShutdownMs = 5000;

/**
 * Fast shutdown (SIGINT to the postmaster: sessions end, shared memory is released), resuming a paused
 * server first; killed if it does not finish in time. Resolves with the signal it died of, if any.
 */
export async function shutDownPostgres(postmaster: ManagedProcess): Promise<NodeJS.Signals | null> {
  await signalPostgres(postmaster, 'SIGCONT');
  postmaster.signalGroup('SIGINT');
  const timeout = new AbortController();
  await Promise.race([postmaster.exited, sleep(fastShutdownMs, timeout.signal).catch(() => undefined)]);
  timeout.abort();
  return (await postmaster.stop()).signal;
}

import { sleep, type ManagedProcess } from '@archlab/proc';
import { childPids } from './child-pids.ts';

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Signals a whole PostgreSQL server. Every child of the postmaster (backends, checkpointer, ...) calls
 * setsid() and so has its own process group: a group signal reaches only the postmaster. The postmaster is
 * stopped first so that it forks no new child while we signal the ones it has.
 */
export async function signalPostgres(postmaster: ManagedProcess, signal: NodeJS.Signals): Promise<void> {
  if (signal === 'SIGCONT') {
    for (const child of await childPids(postmaster.pid)) signalPid(child, signal);
    postmaster.signalGroup(signal);
    return;
  }
  postmaster.signalGroup('SIGSTOP');
  for (const child of await childPids(postmaster.pid)) signalPid(child, signal);
  if (signal !== 'SIGSTOP') postmaster.signalGroup(signal);
}

/** How long a fast shutdown may take before the server is killed. */
const fastShutdownMs = 5000;

/**
 * Fast shutdown (SIGINT to the postmaster: sessions end, shared memory is released), resuming a paused
 * server first; killed if it does not finish in time. Resolves with how it exited.
 */
export async function shutDownPostgres(postmaster: ManagedProcess): Promise<NodeJS.Signals | null> {
  await signalPostgres(postmaster, 'SIGCONT');
  postmaster.signalGroup('SIGINT');
  const timeout = new AbortController();
  await Promise.race([postmaster.exited, sleep(fastShutdownMs, timeout.signal).catch(() => undefined)]);
  timeout.abort();
  return (await postmaster.stop()).signal;
}

import { connect } from 'node:net';
import { readFile, readdir } from 'node:fs/promises';
import { waitFor } from '@archlab/proc';
import type { ServiceEnv } from '../src/index.ts';

/** This process's environment with one provider forced (so a developer's ARCHLAB_* URLs do not leak in). */
export function envWith(overrides: Record<string, string | undefined>): ServiceEnv {
  return { ...process.env, ARCHLAB_REDIS_URL: undefined, ARCHLAB_POSTGRES_URL: undefined, ...overrides };
}

export const localEnv = envWith({ ARCHLAB_SERVICES: 'local' });

/** The error code of a TCP connect to 127.0.0.1:port, or 'connected'. */
export function connectOutcome(port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

/** Pids of processes whose command line (arguments joined by spaces, padded by one) contains every part. */
export async function pidsWithArgs(...parts: string[]): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const args = ` ${cmdline.split('\0').join(' ')} `;
    if (cmdline && parts.every((part) => args.includes(part))) pids.push(Number(entry));
  }
  return pids;
}

/** The arguments of a running process. */
export async function argsOf(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True once none of `pids` exists any more (a killed process is a zombie until it is reaped). */
export async function allGone(pids: number[]): Promise<boolean> {
  return (await waitFor(() => (pids.some(alive) ? undefined : true), { timeoutMs: 5000, intervalMs: 50 })) === true;
}

import { waitFor } from '../src/index.ts';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Killed members stay visible as zombies until init reaps them, so give that a moment. */
export async function groupGone(pgid: number): Promise<boolean> {
  return (await waitFor(() => (groupAlive(pgid) ? undefined : true), { timeoutMs: 3000 })) === true;
}

/** Starts the holder fixture and resolves with what it acquired. */
export async function startHolder() {
  const fixture = fileURLToPath(new URL('./fixtures/holder.ts', import.meta.url));
  const holder = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(holder.stdout, 'data')) as [Buffer];
  const acquired = JSON.parse(line.toString()) as { pid: number; dir: string };
  return { holder, ...acquired };
}

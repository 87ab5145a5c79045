import { readFile } from 'node:fs/promises';
import { spawnManaged } from '@archlab/proc';

/** Direct children of `pid`: from /proc on Linux, else from `pgrep -P`. */
export async function childPids(pid: number): Promise<number[]> {
  const listed = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(async () => {
    const pgrep = spawnManaged('pgrep', ['-P', String(pid)], { label: 'pgrep' });
    await pgrep.exited;
    await pgrep.stop();
    return pgrep.output();
  });
  return listed
    .split(/\s+/)
    .filter((word) => /^\d+$/.test(word))
    .map(Number);
}

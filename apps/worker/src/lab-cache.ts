import type { LabDefinition } from '@archlab/lab-kit';
import { loadLab } from '@archlab/runner';

const labs = new Map<string, Promise<LabDefinition<unknown>>>();

/** Labs are imported once per process; a failed import is not remembered. */
export function cachedLab(id: string): Promise<LabDefinition<unknown>> {
  let lab = labs.get(id);
  if (!lab) {
    lab = loadLab(id);
    labs.set(id, lab);
    lab.catch(() => labs.delete(id));
  }
  return lab;
}

/** The points at stake for these checks (every check when null); 0 when the lab cannot be loaded. */
export async function maxScoreOf(labId: string, checkIds: readonly string[] | null): Promise<number> {
  try {
    const lab = await cachedLab(labId);
    return lab.checks.filter((check) => !checkIds || checkIds.includes(check.id)).reduce((sum, check) => sum + check.points, 0);
  } catch {
    return 0;
  }
}

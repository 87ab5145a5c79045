import type { CheckContext } from './context.ts';
import type { CheckOutcome } from './outcome.ts';

export interface CheckDefinition<P> {
  /** kebab-case, stable: reports, expect.json files and `--check` refer to it. */
  readonly id: string;
  readonly title: string;
  readonly points: number;
  /** Shown with a failure: what to look at, never the answer. */
  readonly hint: string;
  /** The check's own budget; past it the check ends as "error" (our fault). Default 30 000 ms. */
  readonly timeoutMs?: number;
  run(ctx: CheckContext<P>): Promise<CheckOutcome>;
}

export type ProfileName = 'quick' | 'full';

export interface LabProfile<P> {
  readonly description: string;
  readonly params: P;
}

export interface CandidateContract<P> {
  /** The entry file inside the solution folder, e.g. "src/server.ts". */
  readonly entry: string;
  readonly instances: (params: P) => number;
  /** Lab-specific environment; the runner adds PORT, INSTANCE_ID, REDIS_URL and DATABASE_URL. */
  readonly env: (params: P) => Record<string, string>;
  /** Polled until it answers 200. */
  readonly healthPath: string;
  /** How long an instance may take to answer the health path. Default 20 000 ms. */
  readonly startTimeoutMs?: number;
}

export interface LabDefinition<P> {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly difficulty: 'intro' | 'intermediate' | 'advanced';
  readonly topics: readonly string[];
  /** The lab's folder (holding README.md, starter/, solution/, mutants/): `new URL('.', import.meta.url)`. */
  readonly root: URL;
  readonly services: { readonly redis?: boolean; readonly postgres?: boolean };
  readonly candidate: CandidateContract<P>;
  readonly profiles: { readonly quick: LabProfile<P>; readonly full?: LabProfile<P> };
  readonly checks: readonly CheckDefinition<P>[];
}

export class LabDefinitionError extends Error {
  override readonly name = 'LabDefinitionError';
}

const idPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function defineCheck<P>(check: CheckDefinition<P>): CheckDefinition<P> {
  if (!idPattern.test(check.id)) throw new LabDefinitionError(`check id "${check.id}" must be kebab-case`);
  if (!(check.points > 0)) throw new LabDefinitionError(`check "${check.id}": points must be positive`);
  return check;
}

export function defineLab<P>(lab: LabDefinition<P>): LabDefinition<P> {
  if (!idPattern.test(lab.id)) throw new LabDefinitionError(`lab id "${lab.id}" must be kebab-case`);
  if (lab.checks.length === 0) throw new LabDefinitionError(`lab "${lab.id}" has no checks`);
  const seen = new Set<string>();
  for (const check of lab.checks) {
    if (seen.has(check.id)) throw new LabDefinitionError(`lab "${lab.id}": duplicate check id "${check.id}"`);
    seen.add(check.id);
  }
  return lab;
}

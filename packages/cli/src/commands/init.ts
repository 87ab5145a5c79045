import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pc from 'picocolors';
import { UsageError, loadLab } from '@archlab/runner';
import { parse } from '../args.ts';
import { fromInvocation, invokedFrom } from '../invocation.ts';
import { writeWorkspaceMarker } from '../workspace.ts';

export async function initCommand(args: string[]): Promise<number> {
  const { positionals } = parse('init', args, {});
  const [labId, target] = positionals;
  if (!labId) throw new UsageError('init: which lab? e.g. pnpm lab init rate-limiter (see pnpm lab list)');
  const lab = await loadLab(labId);
  const dir = fromInvocation(target ?? lab.id);
  // Never write over someone's work.
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UsageError(`${dir} already exists and is not empty; choose another folder: pnpm lab init ${lab.id} <DIR>`);
  }
  const root = fileURLToPath(lab.root);
  cpSync(join(root, 'starter'), dir, { recursive: true });
  cpSync(join(root, 'README.md'), join(dir, 'README.md'));
  writeWorkspaceMarker(dir, lab.id);
  const shown = relative(invokedFrom, dir) || '.';
  console.log(`${pc.green('created')} ${shown}: the ${lab.title} starter and its README`);
  console.log(`\nnext:\n  read ${join(shown, 'README.md')}\n  edit ${join(shown, lab.candidate.entry)}\n  grade it: pnpm lab run ${lab.id} --solution ${dir}`);
  return 0;
}

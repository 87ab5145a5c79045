import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError, loadLab, runLab } from '@archlab/runner';
import { parse, positiveInteger, profileOption } from '../args.ts';
import { fromInvocation, invokedFrom } from '../invocation.ts';
import { renderSummary } from '../render/check-line.ts';
import { liveProgress } from '../render/live-progress.ts';
import { readWorkspaceLab } from '../workspace.ts';

/** Which lab and which folder: explicit flags first, then the workspace we are in, then ./<lab>. */
function resolveTarget(labArg: string | undefined, solutionArg: string | undefined): { labId: string; solutionDir: string } {
  const here = readWorkspaceLab(invokedFrom);
  const labId = labArg ?? here;
  if (!labId) {
    throw new UsageError('run: which lab? e.g. pnpm lab run rate-limiter --solution DIR (or run it inside a folder made by pnpm lab init)');
  }
  if (solutionArg) return { labId, solutionDir: fromInvocation(solutionArg) };
  if (here === labId) return { labId, solutionDir: invokedFrom };
  const conventional = fromInvocation(labId);
  if (readWorkspaceLab(conventional) === labId) return { labId, solutionDir: conventional };
  throw new UsageError(
    `run: no solution to grade. Pass --solution DIR, or create a workspace with: pnpm lab init ${labId}` +
      (existsSync(join(conventional)) ? ` (${conventional} exists but was not made by pnpm lab init)` : ''),
  );
}

export async function runCommand(args: string[], signal: AbortSignal): Promise<number> {
  const { values, positionals } = parse('run', args, {
    solution: { type: 'string' },
    profile: { type: 'string' },
    seed: { type: 'string' },
    check: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    sandbox: { type: 'boolean' },
  });
  if (positionals.length > 1) throw new UsageError(`run: one lab at a time, got ${positionals.join(' ')}`);
  const { labId, solutionDir } = resolveTarget(positionals[0], values.solution);
  const lab = await loadLab(labId);
  const report = await runLab({
    lab,
    solutionDir,
    profile: profileOption(values.profile),
    seed: positiveInteger('--seed', values.seed, 1),
    ...(values.check ? { checkIds: values.check } : {}),
    signal,
    isolation: values.sandbox ? 'sandbox' : 'process',
    ...(values.json ? {} : { onEvent: liveProgress() }),
  });
  if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`\n${renderSummary(report)}\n`);
  return { pass: 0, fail: 1, error: 2 }[report.verdict];
}

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { build, type BuildFailure, type Message } from 'esbuild';
import { CandidateStartError } from './errors.ts';

export interface CandidateBuildOptions {
  solutionDir: string;
  /** Relative to the solution folder. */
  entry: string;
  /** Packages the lab provides resolve from here when the solution has no node_modules of its own. */
  labDir: string;
  outDir: string;
}

// ESM output may still hold CommonJS dependencies (ioredis) that require Node built-ins at run time.
const banner = "import { createRequire as __archlabCreateRequire } from 'node:module'; const require = __archlabCreateRequire(import.meta.url);";

/** node_modules folders from `dir` up to the root, as Node itself would search them from the lab. */
function nodeModulesFrom(dir: string): string[] {
  const found: string[] = [];
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, 'node_modules'))) found.push(join(current, 'node_modules'));
    if (dirname(current) === current) return found;
  }
}

function describe(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ` : '';
  const line = message.location?.lineText ? `\n    ${message.location.lineText.trim()}` : '';
  return `${where}${message.text}${line}`;
}

/**
 * Compiles the candidate's TypeScript into one ESM file, with no loader hooks left to run inside their
 * process: it starts fast and nothing of ours executes next to their code. Their own node_modules resolve
 * first, then the lab's. Source maps keep their stack traces pointing at their files.
 */
export async function buildCandidate({ solutionDir, entry, labDir, outDir }: CandidateBuildOptions): Promise<string> {
  const outfile = join(outDir, 'candidate.mjs');
  try {
    await build({
      entryPoints: [join(solutionDir, entry)],
      absWorkingDir: solutionDir,
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'inline',
      nodePaths: nodeModulesFrom(labDir),
      banner: { js: banner },
      logLevel: 'silent',
    });
  } catch (error) {
    const errors = (error as BuildFailure).errors ?? [];
    throw new CandidateStartError({
      instance: 'build',
      reason: 'build',
      detail: `${entry} does not compile (${errors.length} error${errors.length === 1 ? '' : 's'})`,
      logTail: errors.length > 0 ? errors.slice(0, 10).map(describe).join('\n') : String(error),
    });
  }
  return outfile;
}

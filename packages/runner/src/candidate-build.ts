import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { build, type BuildFailure, type Message, type Plugin } from 'esbuild';
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
 * Only the solution's own files and installed packages may be compiled in: the build runs in the grader's
 * process, so an import of an absolute path (another job's files, the reference solution, /proc/self/environ)
 * must never reach the bundle.
 */
function confineTo(roots: readonly string[]): Plugin {
  const allowed = (path: string) => roots.some((root) => path === root || path.startsWith(root + sep));
  return {
    name: 'archlab-confine',
    setup(build) {
      build.onLoad({ filter: /.*/ }, (args) => {
        if (args.namespace !== 'file' || allowed(args.path)) return undefined;
        return { errors: [{ text: `cannot import ${args.path}: only files inside the solution folder and installed packages can be imported` }] };
      });
    },
  };
}

/** A solution inside the lab's own folder (its reference, variants, mutants) may share the lab's code. */
function ownCodeRoot(solutionDir: string, labDir: string): string {
  const solution = resolve(solutionDir);
  const lab = resolve(labDir);
  return solution.startsWith(lab + sep) ? lab : solution;
}

/**
 * Compiles the candidate's TypeScript into one ESM file, with no loader hooks left to run inside their
 * process: it starts fast and nothing of ours executes next to their code. Their own node_modules resolve
 * first, then the lab's. Source maps keep their stack traces pointing at their files.
 */
export async function buildCandidate({ solutionDir, entry, labDir, outDir }: CandidateBuildOptions): Promise<string> {
  const outfile = join(outDir, 'candidate.mjs');
  const packageDirs = [...nodeModulesFrom(solutionDir), ...nodeModulesFrom(labDir)];
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
      // No tsconfig is read: its "extends" and "paths" could point the build anywhere on disk.
      tsconfigRaw: {},
      plugins: [confineTo([ownCodeRoot(solutionDir, labDir), ...packageDirs])],
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

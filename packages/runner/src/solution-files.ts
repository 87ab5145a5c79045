import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface SolutionFile {
  /** Relative POSIX path, e.g. "src/server.ts". */
  path: string;
  content: string;
}

/** Every file under a folder (a starter, a solution) as submission files, sorted by path; none if it is missing. */
export function readSolutionFiles(root: string): SolutionFile[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const absolute = join(entry.parentPath, entry.name);
      return { path: relative(root, absolute).split(sep).join('/'), content: readFileSync(absolute, 'utf8') };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

import { constants } from 'node:fs';
import { access, readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { ServiceEnv } from './types.ts';

export interface PostgresBinaries {
  initdb: string;
  postgres: string;
}

/** Either the binaries, or where we looked (for ServiceUnavailableError). */
export type Found<T> = { found: T } | { missing: string };

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pathDirs(env: ServiceEnv): string[] {
  return (env.PATH ?? '').split(delimiter).filter((dir) => dir.length > 0);
}

/** Versioned install dirs such as `<root>/16/bin`, newest version first. */
async function versionedDirs(root: string, pattern: RegExp, suffix: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return [];
  }
  return entries
    .map((entry) => ({ entry, version: Number(pattern.exec(entry)?.[1]) }))
    .filter(({ version }) => Number.isFinite(version) && version > 0)
    .sort((a, b) => b.version - a.version)
    .map(({ entry }) => join(root, entry, suffix));
}

/** Where distributions put PostgreSQL's server binaries (which are usually not on PATH). */
async function conventionalPostgresDirs(): Promise<string[]> {
  const groups = await Promise.all([
    versionedDirs('/usr/lib/postgresql', /^(\d+)$/, 'bin'),
    versionedDirs('/usr', /^pgsql-(\d+)$/, 'bin'),
    versionedDirs('/opt/homebrew/opt', /^postgresql@(\d+)$/, 'bin'),
    versionedDirs('/usr/local/opt', /^postgresql@(\d+)$/, 'bin'),
  ]);
  return groups.flat();
}

async function firstDirWith(dirs: string[], names: string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    const present = await Promise.all(names.map((name) => isExecutable(join(dir, name))));
    if (present.every(Boolean)) return dir;
  }
  return undefined;
}

/**
 * initdb and postgres from ARCHLAB_PG_BIN_DIR when set (and only there), else from PATH, else from the
 * newest versioned install dir (/usr/lib/postgresql/<v>/bin, /usr/pgsql-<v>/bin, Homebrew's postgresql@<v>).
 */
export async function findPostgresBinaries(env: ServiceEnv): Promise<Found<PostgresBinaries>> {
  const pinned = env.ARCHLAB_PG_BIN_DIR;
  const dirs = pinned ? [pinned] : [...pathDirs(env), ...(await conventionalPostgresDirs())];
  const dir = await firstDirWith(dirs, ['initdb', 'postgres']);
  if (dir) return { found: { initdb: join(dir, 'initdb'), postgres: join(dir, 'postgres') } };
  return {
    missing: pinned
      ? `no initdb and postgres in ARCHLAB_PG_BIN_DIR=${pinned}`
      : 'no initdb and postgres on PATH or in /usr/lib/postgresql/*/bin, /usr/pgsql-*/bin, Homebrew postgresql@*',
  };
}

/** redis-server from ARCHLAB_REDIS_BIN_DIR when set (and only there), else from PATH. */
export async function findRedisServer(env: ServiceEnv): Promise<Found<string>> {
  const pinned = env.ARCHLAB_REDIS_BIN_DIR;
  const dir = await firstDirWith(pinned ? [pinned] : pathDirs(env), ['redis-server']);
  if (dir) return { found: join(dir, 'redis-server') };
  return { missing: pinned ? `no redis-server in ARCHLAB_REDIS_BIN_DIR=${pinned}` : 'no redis-server on PATH' };
}

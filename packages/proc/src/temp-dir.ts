import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reaperRegistry } from './reaper.ts';
import { onTeardown } from './teardown.ts';

export interface TempDir {
  readonly path: string;
  /** Removes the directory now; safe to call twice. */
  remove(): Promise<void>;
}

/**
 * A fresh directory, removed at teardown or by the reaper if we crash. `parent` defaults to the OS temp
 * dir; pass a memory-backed one (see `memoryBackedTempRoot`) for file-heavy work such as database clusters.
 */
export async function makeTempDir(prefix = 'archlab-', options: { parent?: string } = {}): Promise<TempDir> {
  const path = await mkdtemp(join(options.parent ?? tmpdir(), prefix));
  reaperRegistry.trackDir(path);
  const remove = onTeardown(`temp dir ${path}`, async () => {
    await rm(path, { recursive: true, force: true });
    reaperRegistry.forgetDir(path);
  });
  return { path, remove };
}

/**
 * /dev/shm when this machine has a writable one (Linux tmpfs), else the OS temp dir; an explicit TMPDIR
 * always wins. Creating a database from a template writes ~300 files: ~16 ms on tmpfs against ~250 ms on
 * the disk measured here.
 */
export function memoryBackedTempRoot(): string {
  if (process.env.TMPDIR) return tmpdir();
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

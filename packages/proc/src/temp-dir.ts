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

/** A fresh directory under the OS temp dir, removed at teardown, or by the reaper if we crash. */
export async function makeTempDir(prefix = 'archlab-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  reaperRegistry.trackDir(path);
  const remove = onTeardown(`temp dir ${path}`, async () => {
    await rm(path, { recursive: true, force: true });
    reaperRegistry.forgetDir(path);
  });
  return { path, remove };
}

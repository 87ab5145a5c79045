// Vitest global setup for the web project: builds the app once per run into a temporary folder that
// the end-to-end tests serve (they never test a stale dist/), and removes it afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';

declare module 'vitest' {
  export interface ProvidedContext {
    webDistDir: string;
  }
}

const appRoot = resolve(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), 'archlab-web-e2e-'));
  try {
    await build({ root: appRoot, configFile: resolve(appRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('webDistDir', outDir);
  return () => rm(outDir, { recursive: true, force: true });
}

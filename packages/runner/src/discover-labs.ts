import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LabDefinition } from '@archlab/lab-kit';
import { UsageError } from './errors.ts';

/** The workspace's labs folder: one package per lab, each with a lab.ts whose default export is the lab. */
export const defaultLabsDir = fileURLToPath(new URL('../../../labs/', import.meta.url));

export function listLabIds(labsDir = defaultLabsDir): string[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(labsDir, entry.name, 'lab.ts')))
    .map((entry) => entry.name)
    .sort();
}

function isLab(value: unknown): value is LabDefinition<unknown> {
  const lab = value as Partial<LabDefinition<unknown>> | undefined;
  return typeof lab?.id === 'string' && Array.isArray(lab.checks) && typeof lab.candidate === 'object';
}

export async function loadLab(id: string, labsDir = defaultLabsDir): Promise<LabDefinition<unknown>> {
  const ids = listLabIds(labsDir);
  if (!ids.includes(id)) {
    throw new UsageError(`unknown lab "${id}". Labs: ${ids.join(', ') || '(none)'}; see \`pnpm lab list\``);
  }
  const module = (await import(pathToFileURL(join(labsDir, id, 'lab.ts')).href)) as { default?: unknown };
  if (!isLab(module.default)) throw new Error(`labs/${id}/lab.ts does not export a lab (export default defineLab(...))`);
  return module.default;
}

export async function loadAllLabs(labsDir = defaultLabsDir): Promise<LabDefinition<unknown>[]> {
  return Promise.all(listLabIds(labsDir).map((id) => loadLab(id, labsDir)));
}

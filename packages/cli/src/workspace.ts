import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** `lab init` leaves this marker in a workspace, so `lab run` inside it knows which lab to grade. */
export const markerFile = '.archlab.json';

const markerSchema = z.object({ lab: z.string().min(1) });

export function readWorkspaceLab(dir: string): string | undefined {
  const path = join(dir, markerFile);
  if (!existsSync(path)) return undefined;
  const parsed = markerSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data.lab : undefined;
}

export function writeWorkspaceMarker(dir: string, lab: string): void {
  writeFileSync(join(dir, markerFile), `${JSON.stringify({ lab }, null, 2)}\n`);
}

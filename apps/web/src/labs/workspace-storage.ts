// The lab workspace in local storage, per lab: the files and the open file (written after a short
// quiet time, and at once when the page goes away), and the ids of this browser's submissions, which
// the API cannot list per candidate.
import { z } from 'zod';
import type { KeyValueStorage } from '../persistence/autosave.ts';
import type { WorkspaceFile } from './api-schemas.ts';

export interface SavedWorkspace {
  files: WorkspaceFile[];
  openPath: string | null;
}

export interface SavedSubmission {
  id: string;
  createdAt: string;
}

export interface WorkspaceStorage {
  load(): SavedWorkspace | null;
  /** Saves after `delayMs` of quiet. */
  schedule(workspace: SavedWorkspace): void;
  flush(): void;
  /** Newest first. */
  loadSubmissions(): SavedSubmission[];
  saveSubmissions(submissions: readonly SavedSubmission[]): void;
  destroy(): void;
}

const workspaceSchema = z.object({
  version: z.literal(1),
  files: z.array(z.object({ path: z.string(), content: z.string() })).min(1),
  openPath: z.string().nullable(),
});
const submissionsSchema = z.object({
  version: z.literal(1),
  submissions: z.array(z.object({ id: z.string().min(1), createdAt: z.string() })),
});

/** How many submissions the history keeps. */
export const HISTORY_LIMIT = 20;

function read<S extends z.ZodType>(storage: KeyValueStorage, key: string, schema: S): z.infer<S> | null {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled (private mode): the workspace still works, it just cannot persist.
  }
}

/**
 * @param labId whose workspace this is
 * @param delayMs quiet time before writing the files, ms. Default 400.
 */
export function createWorkspaceStorage(storage: KeyValueStorage, labId: string, delayMs = 400): WorkspaceStorage {
  const workspaceKey = `archlab:lab-workspace:${labId}`;
  const submissionsKey = `archlab:lab-submissions:${labId}`;
  let pending: SavedWorkspace | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    write(storage, workspaceKey, { version: 1, ...pending });
    pending = null;
  };

  return {
    load: () => {
      const saved = read(storage, workspaceKey, workspaceSchema);
      return saved ? { files: saved.files, openPath: saved.openPath } : null;
    },
    schedule(workspace) {
      pending = workspace;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    loadSubmissions: () => read(storage, submissionsKey, submissionsSchema)?.submissions ?? [],
    saveSubmissions: (submissions) => write(storage, submissionsKey, { version: 1, submissions: submissions.slice(0, HISTORY_LIMIT) }),
    destroy: flush,
  };
}

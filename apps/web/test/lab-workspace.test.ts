// The lab workspace view-model against the real hosted stack (PostgreSQL, Redis, the API, one grading
// worker): what a Run sends, how its grading is followed, what the API refuses, and what survives a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabDetail } from '../src/labs/api-schemas.ts';
import { createLabApi } from '../src/labs/lab-api.ts';
import type { LabApi } from '../src/labs/lab-api.ts';
import { createLabWorkspace } from '../src/labs/lab-workspace.ts';
import type { LabWorkspace } from '../src/labs/lab-workspace.ts';
import { formatBytes } from '../src/labs/workspace-files.ts';
import { createWorkspaceStorage } from '../src/labs/workspace-storage.ts';
import { startLabStack } from './support/lab-stack.ts';
import type { LabStack } from './support/lab-stack.ts';
import { memoryStorage } from './support/memory-storage.ts';
import { waitFor } from './support/wait-for.ts';

/** Each Run is one POST, and the API allows this many per minute per client. */
const SUBMISSIONS_PER_MINUTE = 3;
const brokenServer = 'import { createServer } from "node:http";\nconst server = createServer((req, res) => {\n  res.end("ok"\n});\n';

let stack: LabStack;
let api: LabApi;
let lab: LabDetail;
const workspaces: LabWorkspace[] = [];

beforeAll(async () => {
  stack = await startLabStack({ submissionsPerMinute: SUBMISSIONS_PER_MINUTE });
  api = createLabApi({ baseUrl: stack.url.replace(/\/$/, '') });
  lab = await api.getLab('rate-limiter');
}, 120_000);

afterAll(async () => {
  for (const workspace of workspaces.splice(0)) workspace.destroy();
  await stack?.close();
});

function open(storage = memoryStorage(), keys?: string[]) {
  const workspace = createLabWorkspace({
    lab,
    api,
    storage: createWorkspaceStorage(storage, lab.id, 10),
    ...(keys ? { newIdempotencyKey: () => keys.shift() ?? 'no-more-keys' } : {}),
    follow: { reconnectDelayMs: 100 },
  });
  workspaces.push(workspace);
  return workspace;
}

describe('lab workspace view-model', () => {
  it('starts from the starter, and a reload brings back the files, the open file and the history', async () => {
    const storage = memoryStorage();
    const first = open(storage);
    expect(first.getState().files.map((f) => f.path)).toEqual(['src/server.ts']);
    expect(first.getState().openPath).toBe('src/server.ts');
    expect(first.getState().restoreNotice).toBeNull();
    expect(first.addFile('src/redis.ts')).toBe(true);
    first.editFile('src/redis.ts', 'export const x = 1;\n');
    expect(first.addFile('src/redis.ts')).toBe(false);
    expect(first.getState().fileNotice).toBe('src/redis.ts already exists');
    first.destroy();

    const second = open(storage);
    expect(second.getState().files).toEqual([{ path: 'src/redis.ts', content: 'export const x = 1;\n' }, lab.starterFiles[0]]);
    expect(second.getState().openPath).toBe('src/redis.ts');
    expect(second.getState().restoreNotice).toMatch(/last visit/);
    second.resetToStarter();
    expect(second.getState().files).toEqual(lab.starterFiles);
  });

  it('refuses to send what the API would refuse, without a request', async () => {
    const workspace = open();
    workspace.editFile('src/server.ts', 'x'.repeat(lab.limits.maxFileBytes + 1));
    await workspace.run();
    expect(workspace.getState().run).toMatchObject({ phase: 'refused', submissionId: null });
    expect(workspace.getState().run.error?.message).toBe(
      `Cannot run yet: src/server.ts is ${formatBytes(lab.limits.maxFileBytes + 1)}; a file may be at most ${formatBytes(lab.limits.maxFileBytes)}`,
    );
    expect(workspace.getState().history).toEqual([]);
  });

  it('follows a grading to a solution that does not compile, replays a resent Run, and shows the API’s 429', async () => {
    const storage = memoryStorage();
    const workspace = open(storage, ['run-1', 'run-1', 'run-2', 'run-3', 'run-4']);
    workspace.editFile('src/server.ts', brokenServer);

    await workspace.run();
    const first = workspace.getState().run.submissionId;
    expect(first).not.toBeNull();
    const done = await waitFor(workspace, (s) => s.run.phase !== 'grading' && s.run.phase !== 'submitting', 90_000);
    expect(done.run.phase).toBe('done');
    const result = done.run.submission?.result;
    expect(result).toMatchObject({ outcome: 'did-not-start', verdict: 'fail', score: 0, startFailure: { reason: 'build' } });
    expect(result?.outcome === 'did-not-start' && result.startFailure.logTail).toMatch(/server\.ts/);
    expect(done.run.progress.phase).toBe('compiling src/server.ts');
    expect(done.history.map((h) => [h.id, h.submission?.result?.outcome])).toEqual([[first, 'did-not-start']]);

    // The same Idempotency-Key (a retried request) is the same submission, already graded.
    await workspace.run();
    expect(workspace.getState().run).toMatchObject({ phase: 'done', submissionId: first });
    expect(workspace.getState().history).toHaveLength(1);

    // A new Run is a new submission.
    await workspace.run();
    const second = workspace.getState().run.submissionId;
    expect(second).not.toBe(first);
    await waitFor(workspace, (s) => s.run.phase === 'done', 90_000);
    expect(workspace.getState().history.map((h) => h.id)).toEqual([second, first]);

    // Past the API's limit, its own words.
    await workspace.run();
    expect(workspace.getState().run.phase).toBe('refused');
    expect(workspace.getState().run.error?.message).toMatch(/^too many submissions; retry in \d+ s$/);

    // A reload lists both submissions again, fetched from the API.
    const reopened = open(storage);
    await reopened.refreshHistory();
    expect(reopened.getState().history.map((h) => [h.id, h.submission?.status])).toEqual([
      [second, 'done'],
      [first, 'done'],
    ]);
    await reopened.restoreFiles(first!);
    expect(reopened.getState().files).toEqual([{ path: 'src/server.ts', content: brokenServer }]);
  }, 200_000);
});

// The lab workspace's view-model: the candidate's files, the open file, Run and the live progress of the
// grading it starts, and the history of this browser's submissions. Framework-free: React subscribes with
// useSyncExternalStore and calls the methods; the page creates it on mount and destroys it on unmount.
import type { ApiIssue, LabDetail, SubmissionView, WorkspaceFile } from './api-schemas.ts';
import { applyGradingEvent, initialProgress } from './grading-progress.ts';
import type { GradingProgress } from './grading-progress.ts';
import { LabApiError } from './lab-api.ts';
import type { LabApi } from './lab-api.ts';
import { followSubmission } from './submission-stream.ts';
import type { FollowOptions, SubmissionStream } from './submission-stream.ts';
import * as workspace from './workspace-files.ts';
import type { WorkspaceFiles } from './workspace-files.ts';
import { HISTORY_LIMIT } from './workspace-storage.ts';
import type { SavedSubmission, WorkspaceStorage } from './workspace-storage.ts';

/**
 * - idle: nothing run yet in this visit
 * - submitting: the files are on their way to the API
 * - grading: stored and queued or running; progress arrives live
 * - done: the submission has its result
 * - refused: the API said no (4xx: limits, rate limit) or could not be reached; nothing was graded
 * - lost: the live stream was lost; the grading goes on and the history can show its report later
 */
export type RunPhase = 'idle' | 'submitting' | 'grading' | 'done' | 'refused' | 'lost';

export interface RunState {
  phase: RunPhase;
  submissionId: string | null;
  /** The latest known view of the submission (status, attempts, and its result once done). */
  submission: SubmissionView | null;
  progress: GradingProgress;
  /** What went wrong, in the API's words when it said it. */
  error: { message: string; issues: readonly ApiIssue[] } | null;
}

export interface HistoryEntry {
  id: string;
  createdAt: string;
  /** Null until fetched, or when the API no longer knows it. */
  submission: SubmissionView | null;
  error: string | null;
}

export interface LabWorkspaceState {
  lab: LabDetail;
  files: WorkspaceFiles;
  openPath: string | null;
  /** Why the last file edit was refused, until the next one. */
  fileNotice: string | null;
  /** Said once when the page opens: where the files came from. */
  restoreNotice: string | null;
  run: RunState;
  history: readonly HistoryEntry[];
}

export interface LabWorkspace {
  getState(): LabWorkspaceState;
  subscribe(listener: () => void): () => void;
  openFile(path: string): void;
  editFile(path: string, content: string): void;
  /** Adds an empty file and opens it; false (with a notice) when the name is refused. */
  addFile(path: string): boolean;
  renameFile(from: string, to: string): boolean;
  deleteFile(path: string): boolean;
  resetToStarter(): void;
  /** Submits the files (one new Idempotency-Key per call) and follows the grading. */
  run(): Promise<void>;
  /** Shows a past submission in the run panel (following it live when it is not done). */
  showSubmission(id: string): Promise<void>;
  /** Replaces the files with those of a past submission. */
  restoreFiles(id: string): Promise<void>;
  refreshHistory(): Promise<void>;
  /** Writes the autosave now (the page is going away). */
  saveNow(): void;
  destroy(): void;
}

export interface LabWorkspaceOptions {
  lab: LabDetail;
  api: LabApi;
  storage: WorkspaceStorage;
  /** A fresh Idempotency-Key per Run. Default crypto.randomUUID. */
  newIdempotencyKey?: () => string;
  /** How the event stream is read (fetch, reconnect timing). Default: the stream's defaults. */
  follow?: FollowOptions;
}

function idleRun(lab: LabDetail): RunState {
  return { phase: 'idle', submissionId: null, submission: null, progress: initialProgress(lab.checks), error: null };
}

function errorOf(error: unknown): { message: string; issues: readonly ApiIssue[] } {
  if (error instanceof LabApiError) return { message: error.message, issues: error.issues };
  return { message: error instanceof Error ? error.message : String(error), issues: [] };
}

export function createLabWorkspace(options: LabWorkspaceOptions): LabWorkspace {
  const { lab, api, storage } = options;
  const newKey = options.newIdempotencyKey ?? (() => crypto.randomUUID());
  const saved = storage.load();
  const starter: WorkspaceFiles = lab.starterFiles;
  const initialFiles = saved?.files ?? starter;
  const listeners = new Set<() => void>();
  let stream: SubmissionStream | null = null;
  let destroyed = false;
  let state: LabWorkspaceState = {
    lab,
    files: initialFiles,
    openPath: pickOpenPath(initialFiles, saved?.openPath ?? null),
    fileNotice: null,
    restoreNotice: saved ? 'Your files from your last visit are back (they are kept in this browser).' : null,
    run: idleRun(lab),
    history: storage.loadSubmissions().map(({ id, createdAt }) => ({ id, createdAt, submission: null, error: null })),
  };

  function pickOpenPath(files: WorkspaceFiles, preferred: string | null): string | null {
    if (preferred !== null && files.some((file) => file.path === preferred)) return preferred;
    return files.find((file) => file.path === lab.entry)?.path ?? files[0]?.path ?? null;
  }

  function set(next: Partial<LabWorkspaceState>) {
    if (destroyed) return;
    state = { ...state, ...next };
    for (const listener of [...listeners]) listener();
  }

  function setFiles(files: WorkspaceFiles, openPath: string | null) {
    set({ files, openPath, fileNotice: null });
    storage.schedule({ files: [...files], openPath });
  }

  function setRun(update: Partial<RunState>) {
    set({ run: { ...state.run, ...update } });
  }

  function rememberSubmission(entry: HistoryEntry) {
    const history = [entry, ...state.history.filter((item) => item.id !== entry.id)].slice(0, HISTORY_LIMIT);
    set({ history });
    storage.saveSubmissions(history.map(({ id, createdAt }): SavedSubmission => ({ id, createdAt })));
  }

  function historyWith(submission: SubmissionView): readonly HistoryEntry[] {
    return state.history.map((item) => (item.id === submission.id ? { ...item, submission, error: null } : item));
  }

  function follow(submission: SubmissionView) {
    stream?.close();
    stream = null;
    const base = { submissionId: submission.id, submission, progress: initialProgress(lab.checks), error: null };
    if (submission.status === 'done') {
      setRun({ ...base, phase: 'done' });
      return;
    }
    setRun({ ...base, phase: 'grading' });
    const current = followSubmission(
      api,
      submission.id,
      {
        onEvent(event) {
          if (stream !== current) return;
          const progress = applyGradingEvent(state.run.progress, event);
          const shown = state.run.submission;
          if (event.type === 'attempt-start' && shown?.status === 'queued') {
            // A worker took it: the history stops saying "queued".
            const running: SubmissionView = { ...shown, status: 'running' };
            set({ run: { ...state.run, progress, submission: running }, history: historyWith(running) });
          } else {
            setRun({ progress });
          }
        },
        onResult(done) {
          if (stream !== current) return;
          stream = null;
          set({ run: { ...state.run, phase: 'done', submission: done }, history: historyWith(done) });
        },
        onError(error) {
          if (stream !== current) return;
          stream = null;
          setRun({ phase: 'lost', error: errorOf(error) });
        },
      },
      options.follow,
    );
    stream = current;
  }

  const store: LabWorkspace = {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openFile(path) {
      if (state.files.some((file) => file.path === path)) {
        set({ openPath: path, fileNotice: null });
        storage.schedule({ files: [...state.files], openPath: path });
      }
    },
    editFile(path, content) {
      const files = workspace.writeFile(state.files, path, content);
      if (files !== state.files) setFiles(files, state.openPath);
    },
    addFile(path) {
      const edit = workspace.addFile(state.files, path, lab.limits);
      if (!edit.ok) {
        set({ fileNotice: edit.error });
        return false;
      }
      setFiles(edit.files, path.trim());
      return true;
    },
    renameFile(from, to) {
      const edit = workspace.renameFile(state.files, from, to, lab.limits, lab.entry);
      if (!edit.ok) {
        set({ fileNotice: edit.error });
        return false;
      }
      setFiles(edit.files, state.openPath === from ? to.trim() : state.openPath);
      return true;
    },
    deleteFile(path) {
      const edit = workspace.deleteFile(state.files, path, lab.entry);
      if (!edit.ok) {
        set({ fileNotice: edit.error });
        return false;
      }
      setFiles(edit.files, pickOpenPath(edit.files, state.openPath === path ? null : state.openPath));
      return true;
    },
    resetToStarter() {
      setFiles(starter, pickOpenPath(starter, null));
      set({ restoreNotice: null });
    },
    async run() {
      if (state.run.phase === 'submitting' || state.run.phase === 'grading') return;
      const problems = workspace.submissionProblems(state.files, lab.limits, lab.entry);
      if (problems.length > 0) {
        setRun({ ...idleRun(lab), phase: 'refused', error: { message: `Cannot run yet: ${problems.join('; ')}`, issues: [] } });
        return;
      }
      stream?.close();
      stream = null;
      storage.flush();
      setRun({ ...idleRun(lab), phase: 'submitting' });
      let submission: SubmissionView;
      try {
        submission = await api.createSubmission({ lab: lab.id, files: state.files }, newKey());
      } catch (error) {
        setRun({ phase: 'refused', error: errorOf(error) });
        return;
      }
      if (destroyed) return;
      rememberSubmission({ id: submission.id, createdAt: submission.createdAt, submission, error: null });
      follow(submission);
    },
    async showSubmission(id) {
      let submission: SubmissionView;
      try {
        submission = await api.getSubmission(id);
      } catch (error) {
        set({ history: state.history.map((item) => (item.id === id ? { ...item, error: errorOf(error).message } : item)) });
        return;
      }
      // Gone while it loaded: opening a stream now would outlive the page.
      if (destroyed) return;
      set({ history: historyWith(submission) });
      follow(submission);
    },
    async restoreFiles(id) {
      let files: WorkspaceFile[];
      try {
        files = await api.getSubmissionFiles(id);
      } catch (error) {
        set({ fileNotice: `Could not load the files of that submission: ${errorOf(error).message}` });
        return;
      }
      if (destroyed) return;
      const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
      setFiles(sorted, pickOpenPath(sorted, state.openPath));
    },
    async refreshHistory() {
      const ids = state.history.filter((item) => item.submission?.status !== 'done').map((item) => item.id);
      const fetched = await Promise.all(
        ids.map(async (id) => {
          try {
            return { id, submission: await api.getSubmission(id), error: null };
          } catch (error) {
            return { id, submission: null, error: errorOf(error).message };
          }
        }),
      );
      const byId = new Map(fetched.map((item) => [item.id, item]));
      set({
        history: state.history.map((item) => {
          const update = byId.get(item.id);
          return update ? { ...item, submission: update.submission ?? item.submission, error: update.error } : item;
        }),
      });
    },
    saveNow: () => storage.flush(),
    destroy() {
      stream?.close();
      stream = null;
      storage.destroy();
      destroyed = true;
      listeners.clear();
    },
  };
  return store;
}

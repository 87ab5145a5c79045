// One value fetched from the API, as a subscribable state (loading, ready, failed) that a page can show
// and retry. Destroying it aborts the request in flight and ignores its answer.
import { LabApiError } from './lab-api.ts';

export type RemoteState<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: LabApiError };

export interface RemoteValue<T> {
  getState(): RemoteState<T>;
  subscribe(listener: () => void): () => void;
  reload(): void;
  destroy(): void;
}

export function createRemoteValue<T>(load: (signal: AbortSignal) => Promise<T>): RemoteValue<T> {
  const listeners = new Set<() => void>();
  let state: RemoteState<T> = { status: 'loading' };
  let controller: AbortController | null = null;

  const set = (next: RemoteState<T>) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  const reload = () => {
    controller?.abort();
    const current = new AbortController();
    controller = current;
    if (state.status !== 'loading') set({ status: 'loading' });
    load(current.signal).then(
      (value) => {
        if (!current.signal.aborted) set({ status: 'ready', value });
      },
      (error: unknown) => {
        if (current.signal.aborted) return;
        set({ status: 'failed', error: error instanceof LabApiError ? error : new LabApiError(0, 'failed', error instanceof Error ? error.message : String(error)) });
      },
    );
  };
  reload();

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reload,
    destroy() {
      controller?.abort();
      listeners.clear();
    },
  };
}

// Undo/redo over whole documents: edits are immutable, so a snapshot is a pointer, not a copy.

export interface History<T> {
  readonly past: readonly T[];
  readonly future: readonly T[];
}

/** Snapshots kept for undo. */
export const HISTORY_LIMIT = 200;

export function emptyHistory<T>(): History<T> {
  return { past: [], future: [] };
}

/** Records `previous` as the state to return to; a new edit clears what could be redone. */
export function record<T>(history: History<T>, previous: T, limit = HISTORY_LIMIT): History<T> {
  const past = history.past.length >= limit ? history.past.slice(history.past.length - limit + 1) : history.past;
  return { past: [...past, previous], future: [] };
}

export function undo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const state = history.past[history.past.length - 1];
  if (state === undefined) return null;
  return { history: { past: history.past.slice(0, -1), future: [current, ...history.future] }, state };
}

export function redo<T>(history: History<T>, current: T): { history: History<T>; state: T } | null {
  const state = history.future[0];
  if (state === undefined) return null;
  return { history: { past: [...history.past, current], future: history.future.slice(1) }, state };
}

// React's side of the lab workspace view-model: read slices of its state. Selectors must return parts of
// the state (stable by identity) or primitives.
import { useSyncExternalStore } from 'react';
import type { LabWorkspace, LabWorkspaceState } from '../../labs/lab-workspace.ts';

export function useLabState<T>(workspace: LabWorkspace, select: (state: LabWorkspaceState) => T): T {
  return useSyncExternalStore(workspace.subscribe, () => select(workspace.getState()));
}

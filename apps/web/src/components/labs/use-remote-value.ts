// A RemoteValue for as long as the component is mounted (a new one when `deps` change).
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DependencyList } from 'react';
import { createRemoteValue } from '../../labs/remote-value.ts';
import type { RemoteState, RemoteValue } from '../../labs/remote-value.ts';

const loadingState: RemoteState<never> = { status: 'loading' };
const idle: RemoteValue<never> = { getState: () => loadingState, subscribe: () => () => undefined, reload: () => undefined, destroy: () => undefined };

export function useRemoteValue<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): { state: RemoteState<T>; reload(): void } {
  const [remote, setRemote] = useState<RemoteValue<T>>(idle);
  useEffect(() => {
    const created = createRemoteValue(load);
    setRemote(created);
    return () => created.destroy();
    // The caller's deps decide when to load again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  const state = useSyncExternalStore(remote.subscribe, remote.getState);
  return { state, reload: remote.reload };
}

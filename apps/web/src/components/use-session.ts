// React's side of the view-model: create a session when a page mounts, destroy it when it unmounts,
// and read slices of its state. Selectors must return parts of the state (stable by identity).
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { DependencyList } from 'react';
import type { DesignSession, SessionState } from '../editor/design-session.ts';

/** `create` may be null while the page is still gathering what the session starts from. */
export function useDesignSession(create: (() => DesignSession) | null, deps: DependencyList): DesignSession | null {
  const [session, setSession] = useState<DesignSession | null>(null);
  useEffect(() => {
    if (!create) return;
    const created = create();
    setSession(created);
    return () => {
      created.destroy();
      setSession(null);
    };
    // The caller's deps decide when a new session is needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return session;
}

export function useSessionState<T>(session: DesignSession, select: (state: SessionState) => T): T {
  return useSyncExternalStore(session.subscribe, () => select(session.getState()));
}

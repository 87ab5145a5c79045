// What both design pages do on mount: pick the initial design, start a session over it with
// autosave, and tidy the URL once a shared design or template has been loaded.
import type { ChallengeScenarioInput, DesignDocument } from '@archlab/sim';
import { useEffect, useState } from 'react';
import { useRouter } from '../app/router-context.tsx';
import { useDesignSession } from '../components/use-session.ts';
import { createDesignSession } from '../editor/design-session.ts';
import type { DesignSession } from '../editor/design-session.ts';
import { browserWorkers } from '../engine/workers.ts';
import { createAutosave } from '../persistence/autosave.ts';
import type { Autosave } from '../persistence/autosave.ts';
import { loadInitialDesign } from '../persistence/initial-design.ts';

export interface DesignPageOptions {
  /** Local-storage key of the draft. */
  storageKey: string;
  fallback: DesignDocument;
  template: DesignDocument | null;
  challenge?: ChallengeScenarioInput;
}

export function useDesignPage(options: DesignPageOptions): { session: DesignSession | null; notice: string | null } {
  const router = useRouter();
  const [initial, setInitial] = useState<{ design: DesignDocument; autosave: Autosave; notice: string | null } | null>(null);
  const { storageKey, fallback, template, challenge } = options;

  useEffect(() => {
    let cancelled = false;
    const autosave = createAutosave(window.localStorage, storageKey);
    void loadInitialDesign({ hash: window.location.hash, template, autosave, fallback }).then((loaded) => {
      if (cancelled) return;
      if (loaded.consumedUrl) router.navigate(window.location.pathname, { replace: true });
      setInitial({ design: loaded.design, autosave, notice: loaded.notice });
    });
    return () => {
      cancelled = true;
      autosave.destroy();
    };
  }, [router, storageKey, fallback, template]);

  const session = useDesignSession(
    initial
      ? () => {
    const created = createDesignSession({
      initial: initial.design,
      workers: browserWorkers,
      ...(challenge ? { challenge } : {}),
      onDocumentChange: (design) => initial.autosave.schedule(design),
    });
    const flush = () => initial.autosave.flush();
    window.addEventListener('pagehide', flush);
    const destroy = created.destroy;
    return {
      ...created,
      destroy() {
        window.removeEventListener('pagehide', flush);
        flush();
        destroy();
      },
    };
  }
      : null,
    [initial, challenge],
  );

  return { session: initial ? session : null, notice: initial?.notice ?? null };
}

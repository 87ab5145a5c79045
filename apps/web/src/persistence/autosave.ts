// Keeps the draft in local storage so a reload (or a crash) loses nothing. Drafts may be half-drawn,
// so loading checks the shape only loosely and the engine reports the rest on the canvas.
import type { DesignDocument } from '@archlab/sim';
import { isDraftShaped } from './draft-shape.ts';

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface Autosave {
  /** Saves after `delayMs` of quiet (a drag saves once, at the end). */
  schedule(design: DesignDocument): void;
  /** Writes a scheduled save now. */
  flush(): void;
  load(): DesignDocument | null;
  destroy(): void;
}

const STORAGE_PREFIX = 'archlab:design:';

/**
 * @param key what this draft is (e.g. "sandbox", "challenge:url-shortener")
 * @param delayMs quiet time before writing, ms. Default 400.
 */
export function createAutosave(storage: KeyValueStorage, key: string, delayMs = 400): Autosave {
  const storageKey = STORAGE_PREFIX + key;
  let pending: DesignDocument | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const design = pending;
    pending = null;
    try {
      storage.setItem(storageKey, JSON.stringify(design));
    } catch {
      // Storage full or disabled (private mode): the editor still works, it just cannot persist.
    }
  };

  return {
    schedule(design) {
      pending = design;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    load() {
      let raw: string | null;
      try {
        raw = storage.getItem(storageKey);
      } catch {
        return null;
      }
      if (raw === null) return null;
      try {
        const value: unknown = JSON.parse(raw);
        return isDraftShaped(value) ? value : null;
      } catch {
        return null;
      }
    },
    destroy: flush,
  };
}

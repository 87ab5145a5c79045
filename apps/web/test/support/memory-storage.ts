// A KeyValueStorage in memory, for view-model tests outside a browser (local storage's interface).
import type { KeyValueStorage } from '../../src/persistence/autosave.ts';

export function memoryStorage(): KeyValueStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, getItem: (key) => entries.get(key) ?? null, setItem: (key, value) => void entries.set(key, value) };
}

// The palette's entries: every component type in the catalogue, filtered by a search over name,
// type and description, best matches first.
import { componentCatalogue, componentTypes } from '@archlab/sim';
import type { ComponentType } from '@archlab/sim';

export interface PaletteEntry {
  type: ComponentType;
  label: string;
  description: string;
}

/** The drag-and-drop payload type for a component dragged from the palette. */
export const PALETTE_DRAG_TYPE = 'application/x-archlab-component';

const allEntries: readonly PaletteEntry[] = componentTypes.map((type) => ({
  type,
  label: componentCatalogue[type].label,
  description: componentCatalogue[type].description,
}));

export function paletteEntries(query: string): PaletteEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...allEntries];
  const scored: { entry: PaletteEntry; score: number }[] = [];
  for (const entry of allEntries) {
    const label = entry.label.toLowerCase();
    const haystack = `${label} ${entry.type} ${entry.description.toLowerCase()}`;
    if (!words.every((w) => haystack.includes(w))) continue;
    const first = words[0]!;
    const score = label.startsWith(first) || entry.type.startsWith(first) ? 0 : label.includes(first) || entry.type.includes(first) ? 1 : 2;
    scored.push({ entry, score });
  }
  return scored.sort((a, b) => a.score - b.score).map((s) => s.entry);
}

export function isComponentType(value: string): value is ComponentType {
  return (componentTypes as readonly string[]).includes(value);
}

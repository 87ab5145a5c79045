// The loosest check that lets the editor open a document: a known version and well-formed nodes,
// edges and classes. Whether their values make sense is the engine's call, shown on the canvas.
import { CURRENT_DESIGN_VERSION, componentTypes } from '@archlab/sim';
import type { DesignDocument } from '@archlab/sim';

/** Enough structure for the editor to open it; values are the engine's business. */
export function isDraftShaped(value: unknown): value is DesignDocument {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Record<string, unknown>;
  const types = new Set<string>(componentTypes);
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  return (
    doc['version'] === CURRENT_DESIGN_VERSION &&
    Array.isArray(doc['nodes']) &&
    Array.isArray(doc['edges']) &&
    Array.isArray(doc['classes']) &&
    doc['nodes'].every((n) => isObject(n) && typeof n['id'] === 'string' && types.has(n['type'] as string)) &&
    doc['edges'].every((e) => isObject(e) && typeof e['id'] === 'string' && typeof e['from'] === 'string' && typeof e['to'] === 'string') &&
    doc['classes'].every((c) => isObject(c) && typeof c['id'] === 'string' && typeof c['source'] === 'string' && typeof c['rate'] === 'number')
  );
}

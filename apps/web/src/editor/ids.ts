// Node and edge ids double as the names people read on the canvas and in explanations, so new ids
// are short words ("api", "api-2"), and must stay within the design document's id grammar.
import type { ComponentType } from '@archlab/sim';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export const defaultNamePrefix: Record<ComponentType, string> = {
  client: 'users',
  dns: 'dns',
  cdn: 'cdn',
  'load-balancer': 'lb',
  'api-gateway': 'gateway',
  service: 'api',
  cache: 'cache',
  'sql-primary': 'db-primary',
  'read-replica': 'db-replica',
  nosql: 'kv-store',
  'message-queue': 'queue',
  'worker-pool': 'workers',
  'object-store': 'blobs',
  'search-index': 'search',
  'rate-limiter': 'limiter',
  'external-api': 'external',
};

/** The first of base, base-2, base-3, ... that is not taken. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = sanitizeId(base);
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/-\d+$/, '');
  for (let n = 2; n < 100_000; n++) {
    const candidate = `${stem.slice(0, 56)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
  throw new Error(`no free id left for "${base}"`);
}

/** Turns free text into a valid id: "DB primary" -> "DB-primary". */
export function sanitizeId(text: string): string {
  const cleaned = text
    .trim()
    .replace(/[^A-Za-z0-9_.:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return cleaned === '' ? 'node' : cleaned;
}

export function isValidId(id: string): boolean {
  return ID_PATTERN.test(id);
}

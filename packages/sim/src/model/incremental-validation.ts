// Validation for a document that changes a little at a time: the canvas re-analyses on every edit,
// and its worker receives a structured clone, so object identity says nothing about what changed.
// A node or edge equal, field for field, to one that passed zod last time is not parsed again; the
// rules between nodes, edges and classes always run on the whole design. When anything fails, the
// whole document goes through validateDesign, so the issues are exactly its issues, in its order.
import type { z } from 'zod';
import { checkDesignRules } from './design-rules.ts';
import { DesignMigrationError, migrateDesign } from './migrate.ts';
import { designShellSchema, edgeSchema, nodeSchema } from './schema.ts';
import type { DesignDocument, EdgeDocument, NodeDocument } from './schema.ts';
import { validateDesign } from './validate.ts';
import type { DesignValidation } from './validate.ts';

export interface IncrementalValidator {
  /** Same answer as validateDesign(input). */
  validate(input: unknown): DesignValidation;
}

export function createIncrementalValidator(): IncrementalValidator {
  let knownNodes: PassedItems<NodeDocument> = { byIndex: [], byId: undefined };
  let knownEdges: PassedItems<EdgeDocument> = { byIndex: [], byId: undefined };
  return {
    validate(input) {
      let document: Record<string, unknown>;
      try {
        document = migrateDesign(input).document;
      } catch (error) {
        if (error instanceof DesignMigrationError) return validateDesign(input);
        throw error;
      }
      const shell = designShellSchema.safeParse(document);
      if (!shell.success) return validateDesign(input);
      const nodes = checkItems(shell.data.nodes, nodeSchema as z.ZodType<NodeDocument>, knownNodes);
      const edges = checkItems(shell.data.edges, edgeSchema as z.ZodType<EdgeDocument>, knownEdges);
      knownNodes = nodes.passed;
      knownEdges = edges.passed;
      if (!nodes.items || !edges.items) return validateDesign(input);
      const design = { ...shell.data, nodes: nodes.items, edges: edges.items } as DesignDocument;
      const issues = checkDesignRules(design);
      return issues.length > 0 ? { ok: false, issues } : { ok: true, design };
    },
  };
}

/** Items that passed the schema, as parsed: by position (most edits move nothing), and by id once needed. */
interface PassedItems<T> {
  byIndex: (T | undefined)[];
  byId: Map<string, T> | undefined;
}

interface CheckedItems<T> {
  /** The parsed items, or undefined when one of them is invalid. */
  items: T[] | undefined;
  passed: PassedItems<T>;
}

function checkItems<T>(raw: readonly unknown[], schema: z.ZodType<T>, known: PassedItems<T>): CheckedItems<T> {
  const byIndex: (T | undefined)[] = [];
  let items: T[] | undefined = [];
  for (let i = 0; i < raw.length; i++) {
    const item = raw[i];
    let parsed = known.byIndex[i];
    if (parsed === undefined || !sameJson(item, parsed)) {
      const id = isPlainObject(item) && typeof item['id'] === 'string' ? item['id'] : undefined;
      known.byId ??= passedById(known.byIndex);
      parsed = id === undefined ? undefined : known.byId.get(id);
      if (parsed === undefined || !sameJson(item, parsed)) {
        const result = schema.safeParse(item);
        parsed = result.success ? result.data : undefined;
      }
    }
    byIndex.push(parsed);
    if (parsed === undefined) items = undefined;
    else items?.push(parsed);
  }
  return { items, passed: { byIndex, byId: undefined } };
}

function passedById<T>(items: readonly (T | undefined)[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const item of items) if (item !== undefined) byId.set((item as { id: string }).id, item);
  return byId;
}
/** Strict structural equality of JSON-like values (plain objects, arrays, primitives by Object.is). */
function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.hasOwn(b, key) || !sameJson(a[key], b[key])) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

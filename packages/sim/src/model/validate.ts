// Where a design enters the engine: migrate to the current version, check the shape with zod,
// then the rules between nodes, edges and classes. Every issue names what it is about.
import type { z } from 'zod';
import { checkDesignRules } from './design-rules.ts';
import { DesignValidationError, fieldOf } from './design-issue.ts';
import type { DesignIssue } from './design-issue.ts';
import { DesignMigrationError, migrateDesign } from './migrate.ts';
import { designSchema } from './schema.ts';
import type { DesignDocument } from './schema.ts';

export type DesignValidation = { ok: true; design: DesignDocument } | { ok: false; issues: DesignIssue[] };

export function validateDesign(input: unknown): DesignValidation {
  let document: Record<string, unknown>;
  try {
    document = migrateDesign(input).document;
  } catch (error) {
    if (error instanceof DesignMigrationError) return { ok: false, issues: [{ subject: 'design', field: 'version', message: error.message, path: ['version'] }] };
    throw error;
  }
  const parsed = designSchema.safeParse(document);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((issue) => fromZodIssue(issue, document)) };
  const design = parsed.data as DesignDocument;
  const issues = checkDesignRules(design);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, design };
}

/** Like validateDesign, but throws a DesignValidationError listing every issue. */
export function parseDesign(input: unknown): DesignDocument {
  const result = validateDesign(input);
  if (!result.ok) throw new DesignValidationError(result.issues);
  return result.design;
}

function fromZodIssue(issue: z.core.$ZodIssue, document: Record<string, unknown>): DesignIssue {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const [collection, index, ...rest] = path;
  const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
  if (typeof index === 'number' && (collection === 'nodes' || collection === 'edges' || collection === 'classes')) {
    const item = (document[collection] as unknown[] | undefined)?.[index] as Record<string, unknown> | undefined;
    const id = typeof item?.['id'] === 'string' ? item['id'] : `#${index}`;
    const kind = collection.slice(0, -1);
    const type = collection === 'nodes' && typeof item?.['type'] === 'string' ? ` (${item['type']})` : '';
    return { subject: `${kind} '${id}'${type}`, field: fieldOf(rest), message, path };
  }
  return { subject: 'design', field: fieldOf(path), message, path };
}

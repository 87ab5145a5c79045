// The property panel's fields: what each catalogue property looks like as a form field (label,
// unit, how it is typed in), and how text typed into it becomes a document value. Range rules are
// the engine's: its validation issues are shown under the field they name.
import { componentCatalogue, propertyDescriptors } from '@archlab/sim';
import type { DesignIssue, DocumentProps, NodeDocument, PropertyKey, ServiceTime } from '@archlab/sim';
import { resolvedProperty } from './design-edits.ts';

export type FieldInput = 'number' | 'percent' | 'boolean' | 'choice';

export interface FieldModel {
  /** Path of the value in the node's props, e.g. "instances" or "serviceTime.meanMs". */
  path: string;
  label: string;
  unit: string;
  input: FieldInput;
  integer: boolean;
  /** Empty is a value (unbounded, never, unset), not a mistake. */
  optional: boolean;
  description: string;
  /** What the field shows: the node's own value, or the default when it has none. */
  text: string;
  checked: boolean;
  /** The node sets this itself (as opposed to the catalogue default). */
  own: boolean;
  choices?: readonly { value: string; label: string }[];
  /** Engine issues about this field. */
  issues: string[];
}

export type ParsedInput = { ok: true; value: number | null } | { ok: false; error: string };

const serviceTimeShapes = [
  { value: 'exponential', label: 'Exponential' },
  { value: 'lognormal', label: 'Lognormal (heavy tail)' },
  { value: 'deterministic', label: 'Fixed' },
] as const;

export function nodeFields(node: NodeDocument, issues: readonly DesignIssue[]): FieldModel[] {
  const spec = componentCatalogue[node.type];
  const issuesAt = (path: string) => issues.filter((i) => propsPathOf(i) === path || propsPathOf(i).startsWith(`${path}.`)).map((i) => i.message);
  const fields: FieldModel[] = [];
  for (const key of spec.properties) {
    const descriptor = propertyDescriptors[key];
    const own = node.props?.[key] !== undefined;
    const value = resolvedProperty(node, key);
    const base = { label: descriptor.label, unit: descriptor.unit, description: descriptor.description, own, checked: false, integer: false, optional: false };
    switch (descriptor.kind) {
      case 'integer':
      case 'number':
        fields.push({ ...base, path: key, input: 'number', integer: descriptor.kind === 'integer', text: String(value), issues: issuesAt(key) });
        break;
      case 'ratio':
        fields.push({ ...base, path: key, unit: '%', input: 'percent', text: percentText(value as number), issues: issuesAt(key) });
        break;
      case 'boolean':
        fields.push({ ...base, path: key, input: 'boolean', text: '', checked: value === true, issues: issuesAt(key) });
        break;
      case 'queue-limit':
        fields.push({ ...base, path: key, input: 'number', integer: true, optional: true, text: value === null ? '' : String(value), issues: issuesAt(key) });
        break;
      case 'service-time':
        fields.push(...serviceTimeFields(node, value as ServiceTime, own, issuesAt));
        break;
    }
  }
  return fields;
}

function serviceTimeFields(node: NodeDocument, time: ServiceTime, own: boolean, issuesAt: (path: string) => string[]): FieldModel[] {
  const descriptor = propertyDescriptors.serviceTime;
  const capacity = node.props?.capacityPerInstanceRps;
  const mean = time.dist === 'deterministic' ? time.valueMs : time.meanMs;
  const fields: FieldModel[] = [
    {
      path: 'serviceTime.meanMs',
      label: descriptor.label,
      unit: 'ms',
      input: 'number',
      integer: false,
      optional: false,
      description: capacity !== undefined ? `Set as a capacity of ${capacity} req/s per instance; typing a time replaces it.` : descriptor.description,
      text: capacity !== undefined ? '' : String(mean),
      checked: false,
      own,
      issues: [...issuesAt('serviceTime'), ...issuesAt('capacityPerInstanceRps')],
    },
    {
      path: 'serviceTime.dist',
      label: 'Service time shape',
      unit: '',
      input: 'choice',
      integer: false,
      optional: false,
      description: 'Exponential is the classic queueing assumption; lognormal has a long tail; fixed has none.',
      text: time.dist,
      checked: false,
      own,
      choices: serviceTimeShapes,
      issues: [],
    },
  ];
  if (time.dist === 'lognormal') {
    fields.push({ path: 'serviceTime.cv', label: 'Variability', unit: 'cv', input: 'number', integer: false, optional: false, description: 'Standard deviation over mean.', text: String(time.cv), checked: false, own, issues: [] });
  }
  return fields;
}

/** Parses what was typed into a numeric field; empty means "none" only where that is allowed. */
export function parseFieldText(field: Pick<FieldModel, 'input' | 'integer' | 'optional' | 'label'>, text: string): ParsedInput {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return field.optional ? { ok: true, value: null } : { ok: false, error: `${field.label} needs a value` };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: `"${text.trim()}" is not a number` };
  if (field.input === 'percent') return { ok: true, value: value / 100 };
  if (field.integer && !Number.isInteger(value)) return { ok: false, error: `${field.label} is a whole number` };
  return { ok: true, value };
}

/** The props change a field edit makes: the key to set and its new value. */
export function propsChange(node: NodeDocument, path: string, value: number | string | boolean | null): { key: keyof DocumentProps; value: DocumentProps[keyof DocumentProps] } {
  if (!path.startsWith('serviceTime.')) return { key: path as PropertyKey, value: value as never };
  const current = resolvedProperty(node, 'serviceTime') as ServiceTime;
  const mean = current.dist === 'deterministic' ? current.valueMs : current.meanMs;
  const cv = current.dist === 'lognormal' ? current.cv : 1;
  const part = path.slice('serviceTime.'.length);
  let next: ServiceTime;
  if (part === 'dist') {
    const dist = value as ServiceTime['dist'];
    next = dist === 'deterministic' ? { dist, valueMs: mean } : dist === 'lognormal' ? { dist, meanMs: mean, cv } : { dist, meanMs: mean };
  } else if (part === 'cv') {
    next = { dist: 'lognormal', meanMs: mean, cv: value as number };
  } else {
    const ms = value as number;
    next = current.dist === 'deterministic' ? { dist: 'deterministic', valueMs: ms } : current.dist === 'lognormal' ? { dist: 'lognormal', meanMs: ms, cv } : { dist: 'exponential', meanMs: ms };
  }
  return { key: 'serviceTime', value: next };
}

function percentText(ratio: number): string {
  return String(Math.round(ratio * 100 * 1e6) / 1e6);
}

/** "instances" or "serviceTime.meanMs" for an issue about a node's props; "" otherwise. */
function propsPathOf(issue: DesignIssue): string {
  const [collection, , field, ...rest] = issue.path;
  if (collection !== 'nodes' || field !== 'props') return '';
  return rest.filter((p) => typeof p === 'string').join('.');
}

/** Issues about one node (by its index in the document). */
export function issuesForNode(issues: readonly DesignIssue[], index: number): DesignIssue[] {
  return issues.filter((i) => i.path[0] === 'nodes' && i.path[1] === index);
}

/** Issues about one edge (by its index in the document). */
export function issuesForEdge(issues: readonly DesignIssue[], index: number): DesignIssue[] {
  return issues.filter((i) => i.path[0] === 'edges' && i.path[1] === index);
}

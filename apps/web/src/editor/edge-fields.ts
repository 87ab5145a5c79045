// The property panel's fields for an edge, with the defaults the engine applies when a field is unset.
import { edgeProtocols } from '@archlab/sim';
import type { DesignIssue, EdgeDocument } from '@archlab/sim';
import type { EdgePatch } from './design-edits.ts';
import type { FieldModel } from './property-fields.ts';

type EdgeKey = 'protocol' | 'mode' | 'share' | 'calls' | 'latencyMs' | 'timeoutMs' | 'retries' | 'retryBackoffMs';

interface EdgeFieldSpec {
  key: EdgeKey;
  label: string;
  unit: string;
  input: FieldModel['input'];
  integer: boolean;
  optional?: boolean;
  description: string;
  /** The engine's value when the field is unset. */
  fallback: string | number | null;
  choices?: readonly { value: string; label: string }[];
}

const specs: readonly EdgeFieldSpec[] = [
  { key: 'protocol', label: 'Protocol', unit: '', input: 'choice', integer: false, description: 'Shown on the canvas; it does not change the model.', fallback: 'http', choices: edgeProtocols.map((p) => ({ value: p, label: p })) },
  {
    key: 'mode',
    label: 'Call',
    unit: '',
    input: 'choice',
    integer: false,
    description: 'Async is fire-and-forget: the caller neither waits for nor fails with the target.',
    fallback: 'sync',
    choices: [
      { value: 'sync', label: 'Synchronous (waits)' },
      { value: 'async', label: 'Asynchronous (fire and forget)' },
    ],
  },
  { key: 'share', label: 'Routing share', unit: '%', input: 'percent', integer: false, optional: true, description: 'Share of requests routed over this edge within its split group; empty means every request calls it (out of a load balancer: an even split).', fallback: null },
  { key: 'calls', label: 'Calls per request', unit: 'calls', input: 'number', integer: true, description: 'Calls made one after another for each request.', fallback: 1 },
  { key: 'latencyMs', label: 'Network latency', unit: 'ms', input: 'number', integer: false, description: 'Round trip added to every call.', fallback: 0.5 },
  { key: 'timeoutMs', label: 'Timeout', unit: 'ms', input: 'number', integer: false, optional: true, description: 'The caller gives up on an attempt after this long; empty means never.', fallback: null },
  { key: 'retries', label: 'Retries', unit: 'attempts', input: 'number', integer: true, description: 'Extra attempts after a failure or timeout.', fallback: 0 },
  { key: 'retryBackoffMs', label: 'Retry backoff', unit: 'ms', input: 'number', integer: false, description: 'Delay before retry n is backoff × 2^(n-1).', fallback: 0 },
];

export function edgeFields(edge: EdgeDocument, issues: readonly DesignIssue[]): FieldModel[] {
  return specs.map((spec) => {
    const own = edge[spec.key];
    const value = own ?? spec.fallback;
    const text = value === null ? '' : spec.input === 'percent' ? String(Math.round((value as number) * 100 * 1e6) / 1e6) : String(value);
    return {
      path: spec.key,
      label: spec.label,
      unit: spec.unit,
      input: spec.input,
      integer: spec.integer,
      optional: spec.optional ?? false,
      description: spec.description,
      text,
      checked: false,
      own: own !== undefined,
      ...(spec.choices ? { choices: spec.choices } : {}),
      issues: issues.filter((i) => i.path[2] === spec.key || (spec.key === 'share' && i.field === 'edges.share')).map((i) => i.message),
    };
  });
}

/** The patch a field edit makes; null (an emptied optional field) unsets it, back to the default. */
export function edgePatch(path: string, value: number | string | null): EdgePatch {
  return { [path as EdgeKey]: value ?? undefined } as EdgePatch;
}

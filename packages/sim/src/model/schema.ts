// The versioned design document: what the canvas saves and both engines read. Validated with zod;
// the property schemas per component type come from the catalogue, so the two never drift apart.
import { z } from 'zod';
import { componentCatalogue, componentTypes } from './catalogue.ts';
import type { ComponentProps, ComponentType, PropertyKey } from './catalogue.ts';
import { serviceTimeSchema } from './service-time.ts';

export const CURRENT_DESIGN_VERSION = 1;

export const idSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/, 'ids are 1-64 letters, digits, "_", ".", ":" or "-", starting with a letter or digit');

const propertySchemas: Record<PropertyKey, z.ZodType> = {
  instances: z.number().int().min(1).max(10_000),
  concurrency: z.number().int().min(1).max(1_000_000),
  serviceTime: serviceTimeSchema,
  queueLimit: z.number().int().min(0).max(10_000_000).nullable(),
  availability: z.number().min(0).max(1),
  costPerInstanceUsdMonth: z.number().min(0),
  costPerMillionRequestsUsd: z.number().min(0),
  idempotent: z.boolean(),
  hitRatio: z.number().min(0).max(1),
  bypassOnFailure: z.boolean(),
  limitPerKeyRps: z.number().positive(),
  burstS: z.number().positive().max(3600),
  standbys: z.number().int().min(0).max(10),
};

/** Properties as written in a document: any subset, plus capacity as an alternative to service time. */
export type DocumentProps = Partial<ComponentProps> & {
  /**
   * Throughput of one instance (requests/s), an alternative to serviceTime: it means exponential
   * service with mean concurrency / capacity.
   */
  capacityPerInstanceRps?: number;
};

export interface NodeDocument {
  id: string;
  type: ComponentType;
  label?: string;
  props?: DocumentProps;
  /** Canvas placement; the engines ignore it. */
  position?: { x: number; y: number };
}

export const edgeProtocols = ['http', 'https', 'grpc', 'tcp', 'sql', 'redis', 'amqp', 'kafka', 'dns'] as const;
export type EdgeProtocol = (typeof edgeProtocols)[number];

export interface EdgeDocument {
  id: string;
  from: string;
  to: string;
  /** Informational (the canvas shows it); default "http". */
  protocol?: EdgeProtocol;
  /** "async" is fire-and-forget: the caller neither waits for nor fails with the target. Default "sync". */
  mode?: 'sync' | 'async';
  /**
   * Routing share in (0, 1]. Edges with a share form the node's split group for a class (each
   * request takes one of them; the shares sum to 1). Edges without one are called by every
   * request. Out of a load balancer every edge is in the split group; missing shares split the rest evenly.
   */
  share?: number;
  /** Calls per request on a fan-out edge (made one after another). Default 1. */
  calls?: number;
  /** The request classes this edge carries. Default: all. */
  classes?: string[];
  /** Network round trip added to every call, in ms. Default 0.5. */
  latencyMs?: number;
  /** The caller gives up on an attempt after this many ms. Default null: never. */
  timeoutMs?: number | null;
  /** Extra attempts after a failure or timeout. Default 0. */
  retries?: number;
  /** Delay before retry n is backoff * 2^(n-1), in ms. Default 0 (immediate). */
  retryBackoffMs?: number;
  label?: string;
}

export type RequestKind = 'read' | 'write';

export interface ClassDocument {
  id: string;
  label?: string;
  /** Requests per second entering at the source. */
  rate: number;
  /** The client node this class enters at. */
  source: string;
  /** Reads can hit caches; writes always go through. Default "read". */
  kind?: RequestKind;
  /** Distinct keys (API keys, tenants) sending this class evenly; rate limiters count per key. Default 1. */
  keys?: number;
}

export interface DesignDocument {
  version: typeof CURRENT_DESIGN_VERSION;
  name?: string;
  description?: string;
  classes: ClassDocument[];
  nodes: NodeDocument[];
  edges: EdgeDocument[];
}

const positionSchema = z.strictObject({ x: z.number(), y: z.number() });

/** The properties a component type accepts, all optional. */
export function propsSchemaFor(type: ComponentType): z.ZodType<DocumentProps> {
  const spec = componentCatalogue[type];
  const shape: Record<string, z.ZodType> = {};
  for (const key of spec.properties) shape[key] = propertySchemas[key].optional();
  if (spec.properties.includes('serviceTime')) shape['capacityPerInstanceRps'] = z.number().positive().optional();
  return z.strictObject(shape) as unknown as z.ZodType<DocumentProps>;
}

function nodeSchemaFor(type: ComponentType) {
  return z.strictObject({
    id: idSchema,
    type: z.literal(type),
    label: z.string().max(200).optional(),
    props: propsSchemaFor(type).optional(),
    position: positionSchema.optional(),
  });
}

const [firstType, ...otherTypes] = componentTypes;
export const nodeSchema = z.discriminatedUnion('type', [nodeSchemaFor(firstType), ...otherTypes.map(nodeSchemaFor)]);

export const edgeSchema = z.strictObject({
  id: idSchema,
  from: idSchema,
  to: idSchema,
  protocol: z.enum(edgeProtocols).optional(),
  mode: z.enum(['sync', 'async']).optional(),
  share: z.number().gt(0).max(1).optional(),
  calls: z.number().int().min(1).max(100).optional(),
  classes: z.array(idSchema).min(1).optional(),
  latencyMs: z.number().min(0).max(60_000).optional(),
  timeoutMs: z.number().positive().max(600_000).nullable().optional(),
  retries: z.number().int().min(0).max(10).optional(),
  retryBackoffMs: z.number().min(0).max(600_000).optional(),
  label: z.string().max(200).optional(),
});

const classSchema = z.strictObject({
  id: idSchema,
  label: z.string().max(200).optional(),
  rate: z.number().min(0).max(100_000_000),
  source: idSchema,
  kind: z.enum(['read', 'write']).optional(),
  keys: z.number().int().min(1).max(100_000_000).optional(),
});

function designSchemaOf<N extends z.ZodType, E extends z.ZodType>(node: N, edge: E) {
  return z.strictObject({
    version: z.literal(CURRENT_DESIGN_VERSION),
    name: z.string().max(200).optional(),
    description: z.string().max(10_000).optional(),
    classes: z.array(classSchema).min(1, 'a design needs at least one request class'),
    nodes: z.array(node).min(1, 'a design needs at least one node'),
    edges: z.array(edge),
  });
}

export const designSchema = designSchemaOf(nodeSchema, edgeSchema);

/**
 * The design without looking inside its nodes and edges: a document is valid for designSchema
 * exactly when it is valid here and every node and edge is valid for nodeSchema / edgeSchema.
 */
export const designShellSchema = designSchemaOf(z.unknown(), z.unknown());

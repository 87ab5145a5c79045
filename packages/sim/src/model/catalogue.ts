// The component catalogue: every box a candidate can draw, with its behaviour, defaults and the
// properties (with units) the canvas may edit. Defaults are rough public-cloud orders of magnitude.
import type { ServiceTime } from './service-time.ts';

/**
 * How a component treats the requests it has served:
 * - source: emits request classes, does no work itself;
 * - balancer: spreads every request over its targets (shares default to an even split);
 * - processor: calls its fan-out edges, and one edge of its split group if it has one;
 * - cache: answers read-kind hits itself, forwards misses and writes like a processor;
 * - limiter: rejects what exceeds its per-key rate, forwards the rest like a processor;
 * - queue: acknowledges, then hands everything to its consumers asynchronously.
 */
export type Behaviour = 'source' | 'balancer' | 'processor' | 'cache' | 'limiter' | 'queue';

export const componentTypes = [
  'client',
  'dns',
  'cdn',
  'load-balancer',
  'api-gateway',
  'service',
  'cache',
  'sql-primary',
  'read-replica',
  'nosql',
  'message-queue',
  'worker-pool',
  'object-store',
  'search-index',
  'rate-limiter',
  'external-api',
] as const;

export type ComponentType = (typeof componentTypes)[number];

/** Every property a component may carry, fully resolved (defaults applied). */
export interface ComponentProps {
  /** Identical instances behind this box. */
  instances: number;
  /** Requests one instance serves in parallel (threads, workers, connections). */
  concurrency: number;
  /** Time one request occupies one of those slots, excluding downstream calls. */
  serviceTime: ServiceTime;
  /** Requests that may wait per instance before new ones are dropped; null means unbounded. */
  queueLimit: number | null;
  /** Probability that one instance is up (managed components: the whole service's SLA). */
  availability: number;
  /** Price of one instance of the default concurrency; a larger one costs proportionally more. */
  costPerInstanceUsdMonth: number;
  costPerMillionRequestsUsd: number;
  /** Deduplicates retried requests by idempotency key, so a retry never repeats the effect. */
  idempotent: boolean;
  /** cache, cdn: fraction of read-kind requests answered without going downstream. */
  hitRatio: number;
  /** cache, cdn: when it is down, callers go straight to what is behind it instead of failing. */
  bypassOnFailure: boolean;
  /** rate-limiter: admitted requests per second per key (API key, tenant, user). */
  limitPerKeyRps: number;
  /** rate-limiter: burst allowance, in seconds of the per-key rate (token bucket depth). */
  burstS: number;
  /** sql-primary: hot standbys with automatic failover (they add availability, not capacity). */
  standbys: number;
}

export type PropertyKey = keyof ComponentProps;

export type PropertyKind = 'integer' | 'number' | 'ratio' | 'boolean' | 'service-time' | 'queue-limit';

export interface PropertyDescriptor {
  key: PropertyKey;
  label: string;
  unit: string;
  kind: PropertyKind;
  description: string;
}

export const propertyDescriptors: Record<PropertyKey, PropertyDescriptor> = {
  instances: { key: 'instances', label: 'Instances', unit: 'instances', kind: 'integer', description: 'Identical instances behind this box.' },
  concurrency: { key: 'concurrency', label: 'Concurrency', unit: 'requests / instance', kind: 'integer', description: 'Requests one instance serves in parallel.' },
  serviceTime: { key: 'serviceTime', label: 'Service time', unit: 'ms', kind: 'service-time', description: 'Own work per request, excluding downstream calls.' },
  queueLimit: { key: 'queueLimit', label: 'Queue limit', unit: 'requests / instance', kind: 'queue-limit', description: 'Waiting requests per instance before drops; empty means unbounded.' },
  availability: { key: 'availability', label: 'Availability', unit: 'ratio', kind: 'ratio', description: 'Probability that one instance is up.' },
  costPerInstanceUsdMonth: { key: 'costPerInstanceUsdMonth', label: 'Cost per instance', unit: 'USD / month', kind: 'number', description: 'Monthly price of one instance at the default concurrency (more concurrency costs proportionally more).' },
  costPerMillionRequestsUsd: { key: 'costPerMillionRequestsUsd', label: 'Cost per million requests', unit: 'USD / 1M requests', kind: 'number', description: 'Usage-priced part of the bill.' },
  idempotent: { key: 'idempotent', label: 'Idempotent', unit: '', kind: 'boolean', description: 'Deduplicates retried requests by idempotency key.' },
  hitRatio: { key: 'hitRatio', label: 'Hit ratio', unit: 'ratio', kind: 'ratio', description: 'Fraction of reads answered from the cache.' },
  bypassOnFailure: { key: 'bypassOnFailure', label: 'Bypass on failure', unit: '', kind: 'boolean', description: 'When down, callers skip it and go to what is behind it.' },
  limitPerKeyRps: { key: 'limitPerKeyRps', label: 'Limit per key', unit: 'requests / s / key', kind: 'number', description: 'Admitted rate per key.' },
  burstS: { key: 'burstS', label: 'Burst', unit: 's', kind: 'number', description: 'Token bucket depth in seconds of the per-key rate.' },
  standbys: { key: 'standbys', label: 'Hot standbys', unit: 'instances', kind: 'integer', description: 'Failover targets: availability, not capacity.' },
};

export interface ComponentSpec {
  type: ComponentType;
  label: string;
  description: string;
  behaviour: Behaviour;
  /**
   * A provider runs it redundantly: its availability is the provider's SLA, and instance-level
   * fault injection ("any single instance fails") leaves it alone.
   */
  managed: boolean;
  /** The properties this type accepts in a document; the rest keep their neutral defaults. */
  properties: readonly PropertyKey[];
  defaults: ComponentProps;
}

const capacityKeys = ['instances', 'concurrency', 'serviceTime', 'queueLimit', 'availability', 'costPerInstanceUsdMonth', 'costPerMillionRequestsUsd', 'idempotent'] as const;

/** Neutral values: a property a type does not accept keeps these. */
const neutral: ComponentProps = {
  instances: 1,
  concurrency: 1,
  serviceTime: { dist: 'exponential', meanMs: 1 },
  queueLimit: null,
  availability: 1,
  costPerInstanceUsdMonth: 0,
  costPerMillionRequestsUsd: 0,
  idempotent: false,
  hitRatio: 0,
  bypassOnFailure: false,
  limitPerKeyRps: 0,
  burstS: 1,
  standbys: 0,
};

const spec = (
  type: ComponentType,
  label: string,
  description: string,
  behaviour: Behaviour,
  managed: boolean,
  extraKeys: readonly PropertyKey[],
  defaults: Partial<ComponentProps>,
  keys: readonly PropertyKey[] = capacityKeys,
): ComponentSpec => ({
  type,
  label,
  description,
  behaviour,
  managed,
  properties: [...keys, ...extraKeys],
  defaults: { ...neutral, ...defaults },
});

const huge = 100_000;

export const componentCatalogue: Record<ComponentType, ComponentSpec> = {
  client: spec('client', 'Clients', 'Where request classes enter: browsers, apps, partners. Does no work.', 'source', true, [], {}, []),
  dns: spec('dns', 'DNS', 'Name resolution (managed). In a request path it adds a lookup.', 'processor', true, [], {
    concurrency: huge, serviceTime: { dist: 'exponential', meanMs: 1 }, availability: 0.99995, costPerMillionRequestsUsd: 0.4,
  }),
  cdn: spec('cdn', 'CDN', 'Edge cache (managed): answers read hits near the user, forwards misses to the origin.', 'cache', true, ['hitRatio', 'bypassOnFailure'], {
    concurrency: huge, serviceTime: { dist: 'exponential', meanMs: 2 }, availability: 0.9999, costPerMillionRequestsUsd: 0.75, hitRatio: 0.9, bypassOnFailure: true,
  }),
  'load-balancer': spec('load-balancer', 'Load balancer', 'Spreads requests over healthy targets (shares default to even).', 'balancer', true, [], {
    concurrency: huge, serviceTime: { dist: 'exponential', meanMs: 0.2 }, availability: 0.9999, costPerInstanceUsdMonth: 25, costPerMillionRequestsUsd: 0.02,
  }),
  'api-gateway': spec('api-gateway', 'API gateway', 'Managed routing, auth and request shaping in front of services.', 'processor', true, [], {
    concurrency: huge, serviceTime: { dist: 'exponential', meanMs: 2 }, availability: 0.9995, costPerMillionRequestsUsd: 1,
  }),
  service: spec('service', 'Service', 'A stateless application tier (API server, microservice).', 'processor', false, [], {
    instances: 2, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 20 }, queueLimit: 100, availability: 0.999, costPerInstanceUsdMonth: 70,
  }),
  cache: spec('cache', 'Cache', 'In-memory cache (Redis, Memcached): read hits are answered here, misses go downstream. With nothing downstream it is the store.', 'cache', false, ['hitRatio', 'bypassOnFailure'], {
    instances: 1, concurrency: 1, serviceTime: { dist: 'exponential', meanMs: 0.05 }, queueLimit: 10_000, availability: 0.999, costPerInstanceUsdMonth: 50, hitRatio: 0.8, bypassOnFailure: true,
  }),
  'sql-primary': spec('sql-primary', 'SQL primary', 'Relational primary: takes the writes. One serving instance; standbys add failover.', 'processor', false, ['standbys'], {
    concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 }, queueLimit: 200, availability: 0.999, costPerInstanceUsdMonth: 400,
  }, ['concurrency', 'serviceTime', 'queueLimit', 'availability', 'costPerInstanceUsdMonth', 'costPerMillionRequestsUsd', 'idempotent']),
  'read-replica': spec('read-replica', 'Read replica', 'Asynchronously replicated copies that serve reads.', 'processor', false, [], {
    instances: 1, concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 }, queueLimit: 200, availability: 0.999, costPerInstanceUsdMonth: 400,
  }),
  nosql: spec('nosql', 'NoSQL store', 'Partitioned key-value / wide-column store (DynamoDB, Cassandra).', 'processor', false, [], {
    instances: 3, concurrency: 32, serviceTime: { dist: 'exponential', meanMs: 2 }, queueLimit: 500, availability: 0.9995, costPerInstanceUsdMonth: 250,
  }),
  'message-queue': spec('message-queue', 'Message queue', 'Durable broker (Kafka, SQS, RabbitMQ): acknowledges, then consumers process asynchronously.', 'queue', false, [], {
    instances: 3, concurrency: 64, serviceTime: { dist: 'exponential', meanMs: 1 }, queueLimit: 10_000, availability: 0.9995, costPerInstanceUsdMonth: 150,
  }),
  'worker-pool': spec('worker-pool', 'Worker pool', 'Queue consumers; their backlog waits in the broker (unbounded by default).', 'processor', false, [], {
    instances: 2, concurrency: 4, serviceTime: { dist: 'exponential', meanMs: 50 }, queueLimit: null, availability: 0.999, costPerInstanceUsdMonth: 70,
  }),
  'object-store': spec('object-store', 'Object store', 'Blob storage (S3, GCS), managed and priced per request.', 'processor', true, [], {
    concurrency: huge, serviceTime: { dist: 'lognormal', meanMs: 30, cv: 1 }, availability: 0.9999, costPerMillionRequestsUsd: 0.4,
  }),
  'search-index': spec('search-index', 'Search index', 'Full-text / secondary index cluster (Elasticsearch, OpenSearch).', 'processor', false, [], {
    instances: 3, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 15 }, queueLimit: 200, availability: 0.999, costPerInstanceUsdMonth: 300,
  }),
  'rate-limiter': spec('rate-limiter', 'Rate limiter', 'Token bucket per key: rejects (429) what exceeds the per-key rate.', 'limiter', false, ['limitPerKeyRps', 'burstS'], {
    instances: 2, concurrency: 64, serviceTime: { dist: 'exponential', meanMs: 0.5 }, queueLimit: 1000, availability: 0.999, costPerInstanceUsdMonth: 50, limitPerKeyRps: 10, burstS: 1,
  }),
  'external-api': spec('external-api', 'External API', 'Third-party dependency (payment provider, push/e-mail gateway): slow tail, its own SLA.', 'processor', true, [], {
    concurrency: 1000, serviceTime: { dist: 'lognormal', meanMs: 150, cv: 1.5 }, availability: 0.999,
  }),
};

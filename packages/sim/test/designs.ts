// Small designs shared by the tests.
import type { DesignDocument } from '../src/index.ts';

/** clients -> lb -> 3 API servers -> Redis cache -> Postgres primary + replica, reads and writes. */
export function webApp(overrides: { readRate?: number; writeRate?: number; apiInstances?: number } = {}): DesignDocument {
  return {
    version: 1,
    name: 'web app',
    classes: [
      { id: 'read', rate: overrides.readRate ?? 900, source: 'users', kind: 'read' },
      { id: 'write', rate: overrides.writeRate ?? 100, source: 'users', kind: 'write' },
    ],
    nodes: [
      { id: 'users', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'api', type: 'service', props: { instances: overrides.apiInstances ?? 3 } },
      { id: 'redis', type: 'cache', props: { hitRatio: 0.8 } },
      { id: 'primary', type: 'sql-primary' },
      { id: 'replica', type: 'read-replica' },
    ],
    edges: [
      { id: 'users-lb', from: 'users', to: 'lb' },
      { id: 'lb-api', from: 'lb', to: 'api' },
      { id: 'api-redis', from: 'api', to: 'redis', classes: ['read'] },
      { id: 'redis-replica', from: 'redis', to: 'replica' },
      { id: 'api-primary', from: 'api', to: 'primary', classes: ['write'] },
    ],
  };
}

/** A tandem of M/M/c stations with zero network latency: a Jackson network with exact answers. */
export function tandem(rate: number, stations: { servers: number; meanMs: number }[]): DesignDocument {
  return {
    version: 1,
    classes: [{ id: 'req', rate, source: 'src' }],
    nodes: [
      { id: 'src', type: 'client' },
      ...stations.map((s, i) => ({
        id: `s${i}`,
        type: 'service' as const,
        props: { instances: 1, concurrency: s.servers, queueLimit: null, serviceTime: { dist: 'exponential' as const, meanMs: s.meanMs } },
      })),
    ],
    edges: stations.map((_, i) => ({ id: `e${i}`, from: i === 0 ? 'src' : `s${i - 1}`, to: `s${i}`, latencyMs: 0 })),
  };
}

// Random designs for the property tests.
import fc from 'fast-check';
import { componentCatalogue } from '../src/index.ts';
import type { ComponentType, DesignDocument, EdgeDocument, NodeDocument } from '../src/index.ts';

const processingTypes: ComponentType[] = ['service', 'cache', 'sql-primary', 'read-replica', 'nosql', 'message-queue', 'worker-pool', 'search-index', 'rate-limiter', 'load-balancer', 'cdn', 'external-api', 'api-gateway'];

export interface DesignArbitraryOptions {
  retries: boolean;
}

/** Random layered DAGs: every layer calls into later ones, some edges split by share, some filter classes. */
export const designArbitrary = ({ retries }: DesignArbitraryOptions) =>
  fc
    .record({
      layers: fc.array(fc.array(fc.record({ type: fc.constantFrom(...processingTypes), instances: fc.integer({ min: 1, max: 4 }), hitRatio: fc.double({ min: 0, max: 1, noNaN: true }), bounded: fc.boolean(), meanMs: fc.double({ min: 0.5, max: 40, noNaN: true }) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
      readRate: fc.double({ min: 0, max: 3000, noNaN: true }),
      writeRate: fc.double({ min: 0, max: 1000, noNaN: true }),
      wiring: fc.array(fc.record({ targets: fc.integer({ min: 1, max: 3 }), split: fc.boolean(), calls: fc.integer({ min: 1, max: 2 }), onlyReads: fc.boolean(), retries: fc.integer({ min: 0, max: 2 }), timeoutMs: fc.integer({ min: 5, max: 200 }), weights: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 3, maxLength: 3 }) }), { minLength: 16, maxLength: 16 }),
    })
    .map(({ layers, readRate, writeRate, wiring }): DesignDocument => {
      const nodes: NodeDocument[] = [{ id: 'c', type: 'client' }];
      const layerIds: string[][] = [['c']];
      layers.forEach((layer, l) => {
        layerIds.push(
          layer.map((spec, i) => {
            const id = `n${l}-${i}`;
            const catalogue = componentCatalogue[spec.type];
            const props: Record<string, unknown> = { serviceTime: { dist: 'exponential', meanMs: spec.meanMs }, queueLimit: spec.bounded ? 20 : null };
            if (catalogue.properties.includes('instances')) props['instances'] = spec.instances;
            if (catalogue.properties.includes('hitRatio')) props['hitRatio'] = spec.hitRatio;
            nodes.push({ id, type: spec.type, props });
            return id;
          }),
        );
      });
      const edges: EdgeDocument[] = [];
      let w = 0;
      for (let l = 0; l < layerIds.length - 1; l++) {
        for (const from of layerIds[l]!) {
          const wire = wiring[w++ % wiring.length]!;
          const candidates = layerIds[l + 1]!;
          const targets = candidates.slice(0, Math.min(wire.targets, candidates.length));
          const isBalancer = componentCatalogue[nodes.find((n) => n.id === from)!.type].behaviour === 'balancer';
          const split = wire.split && !isBalancer && targets.length > 1;
          const total = targets.reduce((sum, _, i) => sum + wire.weights[i]!, 0);
          targets.forEach((to, i) => {
            const edge: EdgeDocument = { id: `${from}:${to}`, from, to };
            if (split) edge.share = wire.weights[i]! / total;
            else if (!isBalancer) edge.calls = wire.calls;
            if (wire.onlyReads && from !== 'c') edge.classes = ['read'];
            if (retries && wire.retries > 0) {
              edge.retries = wire.retries;
              edge.timeoutMs = wire.timeoutMs;
            }
            edges.push(edge);
          });
        }
      }
      // Shares of a split group must sum to exactly 1: give the remainder to the last edge.
      const groups = new Map<string, EdgeDocument[]>();
      for (const edge of edges) if (edge.share !== undefined) groups.set(edge.from, [...(groups.get(edge.from) ?? []), edge]);
      for (const group of groups.values()) {
        const rest = group.slice(0, -1).reduce((sum, e) => sum + e.share!, 0);
        group[group.length - 1]!.share = 1 - rest;
      }
      return {
        version: 1,
        classes: [
          { id: 'read', rate: readRate, source: 'c', kind: 'read', keys: 100 },
          { id: 'write', rate: writeRate, source: 'c', kind: 'write' },
        ],
        nodes,
        edges,
      };
    });


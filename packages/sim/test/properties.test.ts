import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, componentCatalogue, simulate, validateDesign } from '../src/index.ts';
import type { DesignDocument } from '../src/index.ts';
import { designArbitrary } from './arbitraries.ts';

/** Every number in a result is finite and non-negative (percentiles of nothing may be null). */
function assertClean(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`${path} = ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => assertClean(item, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) assertClean(item, `${path}.${key}`);
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

describe('analytic invariants (fast-check)', () => {
  it('conserves flow at every node and class', () => {
    fc.assert(
      fc.property(designArbitrary({ retries: false }), (design) => {
        expect(validateDesign(design)).toMatchObject({ ok: true });
        const result = analyze(design);
        const edgesFrom = (id: string) => design.edges.filter((e) => e.from === id);
        for (const node of result.nodes) {
          const isBalancer = componentCatalogue[node.type].behaviour === 'balancer';
          for (const requestClass of design.classes) {
            const k = requestClass.id;
            const flow = node.perClass[k]!;
            const entering = (requestClass.source === node.id ? requestClass.rate : 0) + result.edges.filter((e) => e.to === node.id).reduce((sum, e) => sum + e.perClassRps[k]!, 0);
            expect(close(flow.arrivalRps, entering)).toBe(true);
            expect(close(flow.arrivalRps, flow.servedRps + flow.droppedRps + flow.rejectedRps + flow.backlogRps)).toBe(true);
            const out = flow.servedRps - flow.hitRps - flow.unroutableRps;
            const carrying = edgesFrom(node.id).filter((e) => e.classes === undefined || e.classes.includes(k));
            const split = carrying.filter((e) => isBalancer || e.share !== undefined);
            const fanOutCalls = carrying.filter((e) => !split.includes(e)).reduce((sum, e) => sum + (e.calls ?? 1), 0);
            const expected = out * (fanOutCalls + (split.length > 0 ? 1 : 0));
            const leaving = carrying.reduce((sum, e) => sum + result.edges.find((r) => r.id === e.id)!.perClassRps[k]!, 0);
            expect(close(leaving, expected)).toBe(true);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never produces negative, NaN or infinite metrics, with retries and failures', () => {
    fc.assert(
      fc.property(designArbitrary({ retries: true }), fc.nat(), (design, pick) => {
        const victims = design.nodes.filter((n) => n.type !== 'client');
        const victim = victims[pick % victims.length]!.id;
        for (const options of [{}, { down: [victim] }, { lostInstances: { [victim]: 1 } }, { rateMultiplier: 3 }]) {
          const result = analyze(design, options);
          assertClean({ ...result, maxLoadScale: result.maxLoadScale ?? 0 });
          for (const c of result.classes) expect(c.errorRate).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('accepts routing shares exactly when they sum to 1, and names the node otherwise', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }), (shares) => {
        const design: DesignDocument = {
          version: 1,
          classes: [{ id: 'r', rate: 10, source: 'c' }],
          nodes: [{ id: 'c', type: 'client' }, { id: 'svc', type: 'service' }, ...shares.map((_, i) => ({ id: `t${i}`, type: 'service' as const }))],
          edges: [{ id: 'c-svc', from: 'c', to: 'svc' }, ...shares.map((share, i) => ({ id: `svc-t${i}`, from: 'svc', to: `t${i}`, share }))],
        };
        const sum = shares.reduce((a, b) => a + b, 0);
        const result = validateDesign(design);
        if (Math.abs(sum - 1) <= 1e-6) {
          expect(result.ok).toBe(true);
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.issues[0]!.subject).toBe("node 'svc' (service)");
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('simulation invariants (fast-check)', () => {
  it('never produces negative, NaN or infinite metrics', () => {
    fc.assert(
      fc.property(designArbitrary({ retries: true }), fc.integer({ min: 1, max: 1000 }), (design, seed) => {
        const scaled = { ...design, classes: design.classes.map((c) => ({ ...c, rate: c.rate / 10 })) };
        const victim = scaled.nodes[scaled.nodes.length - 1]!.id;
        const result = simulate(scaled, { durationS: 2, drainS: 2, faults: [{ node: victim, fromS: 0.5, toS: 1 }] }, { seed, maxEvents: 200_000 });
        assertClean(result);
        for (const c of result.classes) expect(c.ok + c.failed + c.inFlight).toBe(c.offered);
      }),
      { numRuns: 40 },
    );
  });
});

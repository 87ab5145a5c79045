import { describe, expect, it } from 'vitest';
import { analyze, createSimulation, simulate, SimulationDestroyedError, SimulationScenarioError } from '../src/index.ts';
import type { DesignDocument, SimulationResult } from '../src/index.ts';
import { tandem, webApp } from './designs.ts';

const node = (result: SimulationResult, id: string) => result.nodes.find((n) => n.id === id)!;
const cls = (result: SimulationResult, id: string) => result.classes.find((c) => c.id === id)!;

describe('reproducibility', () => {
  it('returns identical results for identical seeds, and different ones otherwise', () => {
    const scenario = { durationS: 5, profile: { kind: 'spike' as const, multiplier: 2, startS: 2, durationS: 1 } };
    const a = simulate(webApp(), scenario, { seed: 42 });
    const b = simulate(webApp(), scenario, { seed: 42 });
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = simulate(webApp(), scenario, { seed: 43 });
    expect(cls(c, 'read').latency.meanMs).not.toBe(cls(a, 'read').latency.meanMs);
  });

  it('gives the same result run in chunks as in one go', () => {
    const whole = simulate(webApp(), { durationS: 4 }, { seed: 7 });
    const handle = createSimulation(webApp(), { durationS: 4 }, { seed: 7 });
    let chunks = 0;
    while (!handle.step(5_000).done && chunks < 10_000) chunks++;
    expect(chunks).toBeGreaterThan(3);
    expect(handle.result()).toEqual(whole);
    const byTime = createSimulation(webApp(), { durationS: 4 }, { seed: 7 });
    expect(byTime.runUntil(1).simulatedS).toBeLessThanOrEqual(1);
    expect(byTime.progress().buckets).toBe(15);
    expect(byTime.run()).toEqual(whole);
  });

  it('restarts on update and refuses work after destroy', () => {
    const handle = createSimulation(webApp(), { durationS: 2 }, { seed: 1 });
    const first = handle.run();
    handle.update({ seed: 2 });
    expect(handle.progress().events).toBe(0);
    expect(handle.run()).not.toEqual(first);
    handle.destroy();
    expect(() => handle.step()).toThrow(SimulationDestroyedError);
  });
});

describe('agreement with queueing theory', () => {
  // Heavier traffic needs more requests for the sample mean to settle (its variance grows like 1 / (1 - rho)^2).
  const networks: { name: string; design: DesignDocument; requests: number }[] = [
    { name: 'M/M/1 at rho 0.7', design: tandem(70, [{ servers: 1, meanMs: 10 }]), requests: 1_000_000 },
    { name: 'M/M/4 -> M/M/3 tandem at rho 0.75', design: tandem(1500, [{ servers: 4, meanMs: 2 }, { servers: 3, meanMs: 1.5 }]), requests: 400_000 },
    { name: 'M/M/16 at rho 0.9', design: tandem(1440, [{ servers: 16, meanMs: 10 }]), requests: 2_000_000 },
    { name: 'web app: split, cache hits, two classes', design: webApp({ readRate: 700, writeRate: 100 }), requests: 400_000 },
  ];
  it.each(networks)('$name: DES mean response within 3 % of the analytic engine', ({ design, requests }) => {
    const analytic = analyze(design);
    const rate = design.classes.reduce((sum, c) => sum + c.rate, 0);
    const durationS = Math.ceil(requests / rate);
    const result = simulate(design, { durationS, warmupS: durationS / 10 }, { seed: 11 });
    for (const c of result.classes) {
      const expected = analytic.classes.find((a) => a.id === c.id)!.latency.meanMs;
      expect(Math.abs(c.latency.meanMs! / expected - 1)).toBeLessThan(0.03);
    }
    expect(result.classes.reduce((sum, c) => sum + c.ok, 0)).toBeGreaterThan(0.85 * requests);
  });

  it('satisfies Little\'s law at every node (L = lambda W)', () => {
    const result = simulate(webApp(), { durationS: 60, warmupS: 5 }, { seed: 3 });
    for (const n of result.nodes) {
      if (n.completed === 0) continue;
      const littles = n.throughputRps * (n.meanMs! / 1000);
      expect(Math.abs(n.meanInSystem - littles) / littles).toBeLessThan(0.01);
    }
  });

  it('matches the analytic cache hit ratio, utilisation and drops of the web app', () => {
    const overloaded = webApp({ readRate: 1800, writeRate: 200 });
    const analytic = analyze(overloaded);
    const result = simulate(overloaded, { durationS: 40, warmupS: 5 }, { seed: 5 });
    const api = node(result, 'api');
    expect(api.utilisation).toBeGreaterThan(0.97);
    const dropRate = api.dropped / api.arrivals;
    expect(dropRate).toBeCloseTo(analytic.nodes.find((n) => n.id === 'api')!.droppedRps / 2000, 1);
    const redis = node(result, 'redis');
    const replica = node(result, 'replica');
    expect(replica.arrivals / redis.completed).toBeCloseTo(0.2, 2);
  });

  it('keeps lognormal and deterministic service means', () => {
    for (const serviceTime of [{ dist: 'lognormal' as const, meanMs: 8, cv: 2 }, { dist: 'deterministic' as const, valueMs: 8 }]) {
      const design = tandem(10, [{ servers: 100, meanMs: 8 }]);
      design.nodes[1]!.props = { ...design.nodes[1]!.props, serviceTime };
      const result = simulate(design, { durationS: 2000 }, { seed: 9 });
      expect(node(result, 's0').meanMs! / 8).toBeCloseTo(1, 1);
    }
  });
});

describe('dynamics', () => {
  it('follows a traffic spike in the time series', () => {
    const result = simulate(webApp({ readRate: 400, writeRate: 0 }), { durationS: 30, bucketS: 1, profile: { kind: 'spike', multiplier: 3, startS: 10, durationS: 10 } }, { seed: 2 });
    const offered = result.series.classes.find((c) => c.id === 'read')!.offeredRps;
    expect(offered).toHaveLength(30);
    const mean = (from: number, to: number) => offered.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
    expect(mean(11, 19) / mean(1, 9)).toBeCloseTo(3, 0);
    expect(mean(21, 29) / mean(1, 9)).toBeCloseTo(1, 0);
  });

  it('fails requests while a node is down and recovers after', () => {
    const result = simulate(webApp(), { durationS: 30, bucketS: 1, faults: [{ node: 'primary', fromS: 10, toS: 20 }] }, { seed: 4 });
    const writes = cls(result, 'write');
    expect(writes.failures.down / writes.offered).toBeCloseTo(1 / 3, 1);
    expect(cls(result, 'read').failed).toBe(0);
    const errors = result.series.classes.find((c) => c.id === 'write')!.errorRps;
    expect(Math.min(...errors.slice(11, 19))).toBeGreaterThan(50);
    expect(Math.max(...errors.slice(21))).toBe(0);
  });

  it('bypasses a failed cache and keeps serving from the database', () => {
    const result = simulate(webApp(), { durationS: 20, faults: [{ node: 'redis', fromS: 5, toS: 10 }] }, { seed: 4 });
    expect(cls(result, 'read').errorRate).toBe(0);
    expect(node(result, 'replica').arrivals / node(result, 'api').arrivals).toBeGreaterThan(0.3);
  });

  it('turns timeouts and retries into a retry storm', () => {
    const design = tandem(900, [{ servers: 8, meanMs: 10 }]);
    design.nodes[1]!.props = { ...design.nodes[1]!.props, queueLimit: 50 };
    const calm = simulate(design, { durationS: 20 }, { seed: 8 });
    design.edges[0]!.timeoutMs = 20;
    design.edges[0]!.retries = 3;
    const storm = simulate(design, { durationS: 20 }, { seed: 8 });
    expect(cls(storm, 'req').retries).toBeGreaterThan(1000);
    expect(node(storm, 's0').arrivals).toBeGreaterThan(1.2 * node(calm, 's0').arrivals);
    expect(cls(storm, 'req').errorRate).toBeGreaterThan(cls(calm, 'req').errorRate);
  });

  it('counts a retried write that still succeeded as a duplicate unless the handler is idempotent', () => {
    const design: DesignDocument = {
      version: 1,
      classes: [{ id: 'pay', rate: 200, source: 'c', kind: 'write' }],
      nodes: [
        { id: 'c', type: 'client' },
        { id: 'svc', type: 'service', props: { instances: 2, concurrency: 64 } },
        { id: 'psp', type: 'external-api' },
      ],
      edges: [
        { id: 'c-svc', from: 'c', to: 'svc', timeoutMs: 300, retries: 1 },
        { id: 'svc-psp', from: 'svc', to: 'psp' },
      ],
    };
    const plain = simulate(design, { durationS: 20 }, { seed: 1 });
    expect(cls(plain, 'pay').duplicates).toBeGreaterThan(0);
    expect(cls(plain, 'pay').duplicates).toBeLessThanOrEqual(cls(plain, 'pay').retries);
    design.nodes[1]!.props = { ...design.nodes[1]!.props, idempotent: true };
    expect(cls(simulate(design, { durationS: 20 }, { seed: 1 }), 'pay').duplicates).toBe(0);
  });

  it('rejects traffic above a per-key limit', () => {
    const design: DesignDocument = {
      version: 1,
      classes: [{ id: 'abuse', rate: 1000, source: 'c', keys: 2 }],
      nodes: [{ id: 'c', type: 'client' }, { id: 'limit', type: 'rate-limiter', props: { limitPerKeyRps: 50, burstS: 1 } }, { id: 'svc', type: 'service', props: { instances: 4 } }],
      edges: [{ id: 'c-limit', from: 'c', to: 'limit' }, { id: 'limit-svc', from: 'limit', to: 'svc' }],
    };
    const result = simulate(design, { durationS: 30 }, { seed: 1 });
    expect(node(result, 'svc').arrivalRps).toBeCloseTo(100, -1);
    expect(cls(result, 'abuse').failures.rejected / cls(result, 'abuse').offered).toBeCloseTo(0.9, 1);
  });

  it('stops at the event limit and says so', () => {
    const result = simulate(webApp(), { durationS: 60 }, { seed: 1, maxEvents: 10_000 });
    expect(result.truncated).toBe(true);
    expect(result.events).toBe(10_000);
  });

  it('names what is wrong with a scenario', () => {
    expect(() => simulate(webApp(), { durationS: 5, faults: [{ node: 'nope', fromS: 1, toS: 2 }] })).toThrow(/faults\[0\]\.node: no node 'nope'/);
    expect(() => simulate(webApp(), { durationS: 5, rates: { browse: 1 } })).toThrow(SimulationScenarioError);
    expect(() => simulate(webApp(), { durationS: 5, warmupS: 6 })).toThrow(/warmupS/);
  });
});

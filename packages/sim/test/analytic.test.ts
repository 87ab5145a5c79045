import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyze, AnalyzerDestroyedError, createAnalyzer, erlangC, UnknownReferenceError, validateDesign } from '../src/index.ts';
import type { DesignDocument, DesignIssue } from '../src/index.ts';
import { designArbitrary } from './arbitraries.ts';
import { tandem, webApp } from './designs.ts';

const node = (result: ReturnType<typeof analyze>, id: string) => result.nodes.find((n) => n.id === id)!;
const cls = (result: ReturnType<typeof analyze>, id: string) => result.classes.find((c) => c.id === id)!;

describe('flow propagation', () => {
  it('follows classes, cache hits and misses through the web app', () => {
    const result = analyze(webApp());
    expect(node(result, 'api').arrivalRps).toBeCloseTo(1000, 9);
    expect(node(result, 'redis').perClass['read']!.arrivalRps).toBeCloseTo(900, 9);
    expect(node(result, 'redis').hitRps).toBeCloseTo(720, 9);
    expect(node(result, 'replica').arrivalRps).toBeCloseTo(180, 9);
    expect(node(result, 'primary').perClass['write']!.arrivalRps).toBeCloseTo(100, 9);
    expect(node(result, 'primary').perClass['read']!.arrivalRps).toBe(0);
  });

  it('splits by share, multiplies fan-out calls and hands off to queues asynchronously', () => {
    const design: DesignDocument = {
      version: 1,
      classes: [{ id: 'job', rate: 100, source: 'c', kind: 'write' }],
      nodes: [
        { id: 'c', type: 'client' },
        { id: 'a', type: 'service' },
        { id: 'b', type: 'service' },
        { id: 'search', type: 'search-index' },
        { id: 'q', type: 'message-queue' },
        { id: 'w', type: 'worker-pool' },
      ],
      edges: [
        { id: 'c-a', from: 'c', to: 'a', share: 0.25 },
        { id: 'c-b', from: 'c', to: 'b', share: 0.75 },
        { id: 'a-search', from: 'a', to: 'search', calls: 3 },
        { id: 'b-q', from: 'b', to: 'q' },
        { id: 'q-w', from: 'q', to: 'w' },
      ],
    };
    const result = analyze(design);
    expect(node(result, 'a').arrivalRps).toBeCloseTo(25, 9);
    expect(node(result, 'search').arrivalRps).toBeCloseTo(75, 9);
    expect(node(result, 'w').arrivalRps).toBeCloseTo(75, 9);
    // The worker's 50 ms is not in what the client waits for, only in the completion time.
    const job = cls(result, 'job');
    expect(job.completion.meanMs - job.latency.meanMs).toBeGreaterThan(0.75 * 50 * 0.9);
  });

  it('uses Erlang C for each node', () => {
    const result = analyze(tandem(700, [{ servers: 8, meanMs: 10 }]));
    const s0 = node(result, 's0');
    expect(s0.utilisation).toBeCloseTo(0.875, 12);
    expect(s0.waitProbability).toBeCloseTo(erlangC(8, 7), 12);
    expect(s0.meanMs).toBeCloseTo(10 + erlangC(8, 7) / (0.8 - 0.7), 9);
    expect(s0.meanInSystem).toBeCloseTo(0.7 * s0.meanMs, 9);
  });

  it('detects overload: a bounded queue loses the excess, an unbounded one piles it up', () => {
    const bounded = analyze(webApp({ readRate: 1800, writeRate: 200 }));
    const api = node(bounded, 'api');
    expect(api.saturated).toBe(true);
    expect(api.utilisation).toBeCloseTo(2000 / 1200, 9);
    expect(api.droppedRps).toBeCloseTo(800, 6);
    expect(bounded.saturated).toEqual(['api']);
    expect(bounded.bottlenecks[0]!.node).toBe('api');
    expect(cls(bounded, 'read').errorRate).toBeCloseTo(0.4, 6);

    const unbounded = analyze(tandem(150, [{ servers: 1, meanMs: 10 }]), { horizonS: 10 });
    const s0 = node(unbounded, 's0');
    expect(s0.backlogRps).toBeCloseTo(50, 9);
    expect(s0.backlogAtHorizon).toBeCloseTo(500, 6);
    expect(s0.meanWaitMs).toBeCloseTo((50 * 10 * 1000) / 100 / 2, 6);
  });

  it('reports the traffic multiplier at which the first node saturates', () => {
    const result = analyze(webApp());
    expect(result.maxLoadScale).toBeCloseTo(1200 / 1000, 9);
    expect(analyze(webApp(), { rateMultiplier: 0.5 }).maxLoadScale).toBeCloseTo(2.4, 9);
  });
});

describe('retries', () => {
  it('amplifies load on a failing dependency: the analytic retry storm', () => {
    const design = tandem(900, [{ servers: 8, meanMs: 10 }]);
    design.nodes[1]!.props = { ...design.nodes[1]!.props, queueLimit: 5 };
    const calm = analyze(design);
    design.edges[0]!.retries = 3;
    design.edges[0]!.timeoutMs = 15;
    const storm = analyze(design);
    const edge = storm.edges[0]!;
    expect(edge.attemptsPerCall).toBeGreaterThan(1.3);
    expect(node(storm, 's0').arrivalRps).toBeCloseTo(900 * edge.attemptsPerCall, 3);
    expect(node(storm, 's0').utilisation).toBeGreaterThan(node(calm, 's0').utilisation);
    expect(storm.warnings).toEqual([]);
  });
});

describe('availability, single points of failure and faults', () => {
  it('combines instances in parallel and tiers in series', () => {
    const result = analyze(webApp());
    const lb = 0.9999;
    const api = 1 - 0.001 ** 3;
    expect(cls(result, 'write').availability).toBeCloseTo(lb * api * 0.999, 12);
    // The cache is bypassed when down, so reads need the replica, not the cache.
    expect(cls(result, 'read').availability).toBeCloseTo(lb * api * 0.999, 12);
  });

  it('names single points of failure with the paths they cut', () => {
    const result = analyze(webApp());
    expect(result.singlePointsOfFailure.map((s) => s.node).sort()).toEqual(['primary', 'replica']);
    const primary = result.singlePointsOfFailure.find((s) => s.node === 'primary')!;
    expect(primary.classes).toEqual([{ id: 'write', failedFraction: 1, paths: [['users', 'lb', 'api', 'primary']] }]);
    const replica = result.singlePointsOfFailure.find((s) => s.node === 'replica')!;
    expect(replica.classes[0]!.failedFraction).toBeCloseTo(0.2, 12);
  });

  it('a standby removes the primary from the list, a second API box behind the balancer is redundant', () => {
    const design = webApp();
    design.nodes[4]!.props = { standbys: 1 };
    design.nodes[2]!.props = { instances: 1 };
    design.nodes.push({ id: 'api-b', type: 'service', props: { instances: 1 } });
    design.edges.push({ id: 'lb-api-b', from: 'lb', to: 'api-b' }, { id: 'api-b-redis', from: 'api-b', to: 'redis', classes: ['read'] }, { id: 'api-b-primary', from: 'api-b', to: 'primary', classes: ['write'] });
    expect(analyze(design).singlePointsOfFailure.map((s) => s.node)).toEqual(['replica']);
  });

  it('evaluates what fails when a box dies', () => {
    const down = analyze(webApp(), { down: ['primary'] });
    expect(cls(down, 'write').errorRate).toBe(1);
    expect(cls(down, 'read').errorRate).toBe(0);
    const cacheDown = analyze(webApp(), { down: ['redis'] });
    expect(node(cacheDown, 'replica').arrivalRps).toBeCloseTo(900, 9);
    const oneApiLeft = analyze(webApp(), { lostInstances: { api: 1 } });
    expect(node(oneApiLeft, 'api').servingInstances).toBe(2);
    expect(node(oneApiLeft, 'api').saturated).toBe(true);
    expect(() => analyze(webApp(), { down: ['nope'] })).toThrow(UnknownReferenceError);
    expect(() => analyze(webApp(), { rates: { browse: 1 } })).toThrow("rates.browse: no request class 'browse' in the design");
  });

  it('prices instances, standbys and requests', () => {
    const design = webApp();
    design.nodes[4]!.props = { standbys: 1 };
    const month = 30 * 24 * 3600;
    const expected = 25 + (1000 * month * 0.02) / 1e6 + 3 * 70 + 50 + 2 * 400 + 400;
    expect(analyze(design).cost.monthlyUsd).toBeCloseTo(expected, 6);
    design.nodes[2]!.props = { instances: 3, concurrency: 16 };
    expect(analyze(design).cost.monthlyUsd).toBeCloseTo(expected + 3 * 70, 6);
  });
});

describe('results', () => {
  it('are plain JSON without NaN or Infinity', () => {
    const result = analyze(webApp({ readRate: 5000 }), { down: ['replica'] });
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/null|NaN|Infinity/);
    expect(JSON.parse(text)).toEqual(result);
  });

  it('agree with the textbook mean for a tandem of M/M/c stations', () => {
    const result = analyze(tandem(1500, [{ servers: 4, meanMs: 2 }, { servers: 3, meanMs: 1.5 }]));
    const expected = [
      2 + erlangC(4, 3) / (4 / 2 - 1.5),
      1.5 + erlangC(3, 2.25) / (3 / 1.5 - 1.5),
    ];
    expect(cls(result, 'req').latency.meanMs).toBeCloseTo(expected[0]! + expected[1]!, 9);
  });
});

describe('createAnalyzer', () => {
  it('returns issues while the design is invalid, memoises, and stops after destroy', () => {
    const seen: boolean[] = [];
    const analyzer = createAnalyzer({ onUpdate: (output) => seen.push(output.ok) });
    const broken = { ...webApp(), edges: [] };
    expect(analyzer.update(broken).ok).toBe(false);
    const design = webApp();
    const first = analyzer.update(design);
    expect(first.ok).toBe(true);
    expect(analyzer.update(design)).toBe(first);
    expect(seen).toEqual([false, true]);
    analyzer.destroy();
    expect(() => analyzer.update(design)).toThrow(AnalyzerDestroyedError);
  });

  // The canvas worker receives a structured clone of the draft on every edit: nothing is the same object.
  it('after a one-node edit answers exactly what a fresh analyze of the edited design does', () => {
    const analyzer = createAnalyzer();
    const design = webApp();
    expect(analyzer.update(structuredClone(design))).toEqual({ ok: true, result: analyze(design) });
    const edited = structuredClone(design);
    edited.nodes[2]!.props = { instances: 2 };
    const output = analyzer.update(structuredClone(edited));
    expect(output).toEqual({ ok: true, result: analyze(edited) });
    expect(output.ok && output.result).not.toEqual(analyze(design));
  });

  it('still reports an invalid edit, in the same words as validateDesign, and recovers when it is undone', () => {
    const analyzer = createAnalyzer();
    const design = webApp();
    expect(analyzer.update(structuredClone(design)).ok).toBe(true);
    const badProperty = structuredClone(design);
    badProperty.nodes[3]!.props = { hitRatio: 1.5 };
    expect(analyzer.update(badProperty)).toEqual({ ok: false, issues: (validateDesign(badProperty) as { issues: DesignIssue[] }).issues });
    const badReference = structuredClone(design);
    badReference.edges[3]!.to = 'search';
    expect(analyzer.update(badReference)).toEqual({ ok: false, issues: [{ subject: "edge 'redis-replica'", field: 'to', message: "no node 'search'", path: ['edges', 3, 'to'] }] });
    const loop = structuredClone(design);
    loop.edges.push({ id: 'replica-api', from: 'replica', to: 'api' });
    expect(analyzer.update(loop)).toEqual({ ok: false, issues: (validateDesign(loop) as { issues: DesignIssue[] }).issues });
    expect(analyzer.update(structuredClone(design))).toEqual({ ok: true, result: analyze(design) });
  });

  it('agrees with validateDesign and analyze over a random sequence of edits, valid or not', () => {
    const breakages = ['none', 'property', 'node removed', 'edge into the client'] as const;
    const broken = (design: DesignDocument, breakage: (typeof breakages)[number]): DesignDocument => {
      const last = design.nodes.at(-1)!;
      if (breakage === 'property') last.props = { ...last.props, serviceTime: { dist: 'exponential', meanMs: -1 } };
      if (breakage === 'node removed') design.nodes.pop();
      if (breakage === 'edge into the client') design.edges.push({ id: 'back', from: last.id, to: 'c' });
      return design;
    };
    fc.assert(
      fc.property(fc.array(fc.tuple(designArbitrary({ retries: true }), fc.constantFrom(...breakages)), { minLength: 2, maxLength: 5 }), (steps) => {
        const analyzer = createAnalyzer();
        for (const [valid, breakage] of steps) {
          const design = broken(valid, breakage);
          const validation = validateDesign(design);
          const expected = validation.ok ? { ok: true, result: analyze(design) } : { ok: false, issues: validation.issues };
          expect(analyzer.update(structuredClone(design))).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });
});

import { analyze, builtInChallenges, createSimulation, validateDesign } from '@archlab/sim';
import type { DesignDocument } from '@archlab/sim';
import { describe, expect, it } from 'vitest';
import { challengeRequirements } from '../src/editor/challenge-view.ts';
import { edgeFields, edgePatch } from '../src/editor/edge-fields.ts';
import { explainSinglePointOfFailure, findingsFromAnalysis } from '../src/editor/findings.ts';
import { createFlowViewMapper, FLOW_ANIMATION_BUDGET } from '../src/editor/flow-view.ts';
import type { FlowViewInput } from '../src/editor/flow-view.ts';
import { formatMs, formatPercent, formatRate } from '../src/editor/format.ts';
import { healthOf, nodeMetricsFromAnalysis, shareUnchanged } from '../src/editor/metrics.ts';
import { paletteEntries } from '../src/editor/palette.ts';
import { nodeFields, parseFieldText, propsChange } from '../src/editor/property-fields.ts';
import { simulationScenario, trafficShapes } from '../src/editor/simulation-settings.ts';
import { timelineFor } from '../src/editor/timeline-view.ts';
import { starterTemplates } from '../src/templates/starter-templates.ts';

const webApp = starterTemplates.find((t) => t.id === 'web-app')!.design;

describe('starter templates', () => {
  it.each(starterTemplates.map((t) => [t.id, t.design] as const))('%s is a valid design with no saturated component', (_id, design) => {
    expect(validateDesign(design)).toMatchObject({ ok: true });
    expect(analyze(design).saturated).toEqual([]);
  });
});

describe('findings', () => {
  it('explain a single point of failure in one line', () => {
    const text = explainSinglePointOfFailure({ node: 'db-primary', type: 'sql-primary', classes: [{ id: 'write', failedFraction: 1, paths: [] }] });
    expect(text).toBe('db-primary: one instance, no standby; losing it cuts every write path');
    expect(explainSinglePointOfFailure({ node: 'cache', type: 'cache', classes: [{ id: 'read', failedFraction: 0.4, paths: [] }, { id: 'write', failedFraction: 1, paths: [] }] })).toBe(
      'cache: one instance; losing it cuts every write path and fails 40% of read requests',
    );
  });

  it('name the saturated component, the failing classes and the bottleneck', () => {
    const overloaded: DesignDocument = { ...webApp, classes: webApp.classes.map((c) => ({ ...c, rate: c.rate * 6 })) };
    const findings = findingsFromAnalysis(analyze(overloaded), new Set());
    const kinds = findings.map((f) => f.kind);
    expect(kinds).toContain('saturated');
    expect(kinds).toContain('errors');
    expect(findings.find((f) => f.kind === 'saturated')!.text).toMatch(/^api: saturated at ρ \d\.\d\d: [\d.k]+ req\/s dropped/);
    const calm = findingsFromAnalysis(analyze(webApp), new Set());
    expect(calm.find((f) => f.kind === 'bottleneck')!.text).toMatch(/^api: the bottleneck at ρ 0\.\d\d; it saturates at \d+\.\d× this traffic$/);
  });
});

describe('metrics', () => {
  it('colour boxes by utilisation band, down and idle', () => {
    expect([healthOf(0, 0, false), healthOf(0.3, 10, false), healthOf(0.7, 10, false), healthOf(0.9, 10, false), healthOf(1.2, 10, false), healthOf(0.1, 10, true)]).toEqual(['idle', 'ok', 'busy', 'hot', 'saturated', 'down']);
    const metrics = nodeMetricsFromAnalysis(analyze(webApp));
    expect(metrics.get('users')!.rps).toBe(350);
    expect(metrics.get('api')!.p99Ms).toBeGreaterThan(20);
  });

  it('keep the objects of boxes whose numbers did not change, so only changed boxes re-render', () => {
    const before = nodeMetricsFromAnalysis(analyze(webApp));
    const busier = { ...webApp, nodes: webApp.nodes.map((n) => (n.id === 'api' ? { ...n, props: { instances: 1 } } : n)) };
    const after = shareUnchanged(before, nodeMetricsFromAnalysis(analyze(busier)));
    const changed = [...after.keys()].filter((id) => after.get(id) !== before.get(id));
    expect(changed).toContain('api');
    expect(changed).not.toContain('users');
    expect(changed).not.toContain('lb');
  });

  it('format numbers short, with units', () => {
    expect([formatRate(0), formatRate(4.25), formatRate(350), formatRate(12_345), formatRate(2_500_000)]).toEqual(['0', '4.3', '350', '12k', '2.5M']);
    expect([formatMs(null), formatMs(0.2), formatMs(23.4), formatMs(345.6), formatMs(12_000)]).toEqual(['—', '0.20 ms', '23 ms', '346 ms', '12 s']);
    expect([formatPercent(0), formatPercent(0.0004), formatPercent(0.034), formatPercent(0.5)]).toEqual(['0%', '<0.1%', '3.4%', '50%']);
  });
});

describe('flow view', () => {
  const input = (design: DesignDocument, over: Partial<FlowViewInput> = {}): FlowViewInput => ({
    design,
    selectedNodes: new Set(),
    selectedEdges: new Set(),
    nodeMetrics: null,
    edgeMetrics: null,
    flags: { singlePointsOfFailure: new Set(), failed: new Set(), failureScheduled: new Set(), invalid: new Set(), notes: new Map() },
    sizes: new Map(),
    ...over,
  });

  it('reuses the objects of elements that did not change', () => {
    const map = createFlowViewMapper();
    const first = map(input(webApp));
    const moved = { ...webApp, nodes: webApp.nodes.map((n) => (n.id === 'lb' ? { ...n, position: { x: 1, y: 2 } } : n)) };
    const second = map(input(moved));
    expect(second.nodes.filter((n, i) => n !== first.nodes[i]).map((n) => n.id)).toEqual(['lb']);
    expect(second.edges.every((e, i) => e === first.edges[i])).toBe(true);
    const selected = map(input(moved, { selectedNodes: new Set(['api']) }));
    expect(selected.nodes.filter((n, i) => n !== second.nodes[i]).map((n) => n.id)).toEqual(['api']);
    expect(selected.nodes.find((n) => n.id === 'api')!.selected).toBe(true);
  });

  it('labels edges with protocol and rate, and scales the flow animation by rate', () => {
    const analysis = analyze(webApp);
    const view = createFlowViewMapper()(input(webApp, { edgeMetrics: new Map(analysis.edges.map((e) => [e.id, { rps: e.rps }])) }));
    const levels = Object.fromEntries(view.edges.map((e) => [e.id, e.data!.flowLevel]));
    expect(view.edges[0]!.data).toMatchObject({ protocol: 'https', rps: 350 });
    expect(levels['users-lb']).toBe(1);
    expect(levels['api-db-primary']).toBeGreaterThan(0);
    expect(levels['api-db-primary']).toBeLessThanOrEqual(1);
    expect(view.nodes.find((n) => n.id === 'api')!.data.instances).toBe('2');
    expect(view.nodes.find((n) => n.id === 'lb')!.data.instances).toBeNull();
  });
});

describe('flow animation budget', () => {
  it('animates only the busiest edges of a large design', () => {
    const fanOut: DesignDocument = {
      version: 1,
      classes: [{ id: 'read', rate: 1000, source: 'users' }],
      nodes: [{ id: 'users', type: 'client' }, { id: 'lb', type: 'load-balancer' }, ...Array.from({ length: 100 }, (_, i) => ({ id: `s${i}`, type: 'service' as const }))],
      edges: [{ id: 'users-lb', from: 'users', to: 'lb' }, ...Array.from({ length: 100 }, (_, i) => ({ id: `lb-s${i}`, from: 'lb', to: `s${i}`, share: i < 50 ? 0.015 : 0.005 }))],
    };
    const analysis = analyze(fanOut);
    const view = createFlowViewMapper()({
      design: fanOut,
      selectedNodes: new Set(),
      selectedEdges: new Set(),
      nodeMetrics: null,
      edgeMetrics: new Map(analysis.edges.map((e) => [e.id, { rps: e.rps }])),
      flags: { singlePointsOfFailure: new Set(), failed: new Set(), failureScheduled: new Set(), invalid: new Set(), notes: new Map() },
      sizes: new Map(),
    });
    const animated = view.edges.filter((e) => e.data!.animated).map((e) => e.id);
    expect(animated).toHaveLength(FLOW_ANIMATION_BUDGET);
    expect(animated).toContain('users-lb');
    expect(animated).not.toContain('lb-s99');
  });
});

describe('property fields', () => {
  const api = webApp.nodes.find((n) => n.id === 'api')!;

  it('show the catalogue properties with units and defaults', () => {
    const fields = nodeFields(api, []);
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f]));
    expect(byPath['instances']).toMatchObject({ text: '2', unit: 'instances', own: true, integer: true });
    expect(byPath['concurrency']).toMatchObject({ text: '8', own: false });
    expect(byPath['availability']).toMatchObject({ text: '99.9', unit: '%', input: 'percent' });
    expect(byPath['queueLimit']).toMatchObject({ text: '100', optional: true });
    expect(byPath['serviceTime.meanMs']).toMatchObject({ text: '20', unit: 'ms' });
  });

  it('parse typed text and report typing mistakes', () => {
    const instances = nodeFields(api, []).find((f) => f.path === 'instances')!;
    expect(parseFieldText(instances, ' 3 ')).toEqual({ ok: true, value: 3 });
    expect(parseFieldText(instances, '2.5')).toEqual({ ok: false, error: 'Instances is a whole number' });
    expect(parseFieldText(instances, 'lots')).toEqual({ ok: false, error: '"lots" is not a number' });
    expect(parseFieldText(instances, '')).toEqual({ ok: false, error: 'Instances needs a value' });
    const availability = nodeFields(api, []).find((f) => f.path === 'availability')!;
    expect(parseFieldText(availability, '99.95')).toEqual({ ok: true, value: 0.9995 });
    const queue = nodeFields(api, []).find((f) => f.path === 'queueLimit')!;
    expect(parseFieldText(queue, '')).toEqual({ ok: true, value: null });
  });

  it('put engine range issues under the field they name', () => {
    const broken = { ...webApp, nodes: webApp.nodes.map((n) => (n.id === 'api' ? { ...n, props: { instances: 0 } } : n)) };
    const validation = validateDesign(broken);
    expect(validation.ok).toBe(false);
    const issues = validation.ok ? [] : validation.issues;
    const field = nodeFields(broken.nodes[2]!, issues).find((f) => f.path === 'instances')!;
    expect(field.issues).toEqual([expect.stringMatching(/>=\s*1|at least 1|too small/i)]);
  });

  it('edit the service time shape and mean without losing the other', () => {
    expect(propsChange(api, 'serviceTime.dist', 'lognormal')).toEqual({ key: 'serviceTime', value: { dist: 'lognormal', meanMs: 20, cv: 1 } });
    expect(propsChange(api, 'serviceTime.meanMs', 5)).toEqual({ key: 'serviceTime', value: { dist: 'exponential', meanMs: 5 } });
    expect(propsChange(api, 'instances', 4)).toEqual({ key: 'instances', value: 4 });
  });

  it('edge fields show defaults and unset back to them', () => {
    const fields = edgeFields(webApp.edges[2]!, []);
    expect(fields.find((f) => f.path === 'timeoutMs')).toMatchObject({ text: '', optional: true, own: false });
    expect(fields.find((f) => f.path === 'protocol')).toMatchObject({ text: 'sql', own: true });
    expect(edgePatch('timeoutMs', null)).toEqual({ timeoutMs: undefined });
    expect(edgePatch('retries', 2)).toEqual({ retries: 2 });
  });
});

describe('palette', () => {
  it('finds components by name, type or description, best first', () => {
    expect(paletteEntries('')).toHaveLength(16);
    expect(paletteEntries('cache').map((e) => e.type).slice(0, 1)).toEqual(['cache']);
    expect(paletteEntries('redis').map((e) => e.type)).toContain('cache');
    expect(paletteEntries('sql').map((e) => e.type)[0]).toBe('sql-primary');
    expect(paletteEntries('zzz')).toEqual([]);
  });
});

describe('simulation settings', () => {
  it.each(trafficShapes)('the %s shape makes a scenario the engine accepts', (shape) => {
    const scenario = simulationScenario({ shape, durationS: 30, seed: 3 }, [{ node: 'api', fromS: 10, toS: 20 }]);
    const handle = createSimulation(webApp, scenario, { seed: 3 });
    expect(handle.progress().done).toBe(false);
    handle.destroy();
  });

  it('timelines read throughput, errors and p99 of a class or a node', () => {
    const handle = createSimulation(webApp, simulationScenario({ shape: 'steady', durationS: 10, seed: 1 }, []), { seed: 1 });
    const result = handle.run();
    handle.destroy();
    const timeline = timelineFor(result, { kind: 'class', id: 'read' })!;
    expect(timeline.tracks.map((t) => t.key)).toEqual(['throughput', 'errors', 'p99']);
    expect(timeline.tracks[0]!.values).toHaveLength(60);
    expect(timeline.tracks[0]!.max).toBeGreaterThan(200);
    expect(timelineFor(result, { kind: 'node', id: 'nope' })).toBeNull();
  });
});

describe('challenge requirements', () => {
  it('read the scenario as sentences', () => {
    const scenario = builtInChallenges.find((c) => c.scenario.id === 'url-shortener')!.scenario;
    expect(challengeRequirements(scenario).map((r) => r.text)).toEqual([
      'p99 of redirect ≤ 50 ms',
      'errors of redirect ≤ 0.1%',
      'p99 of create ≤ 150 ms',
      'errors of create ≤ 0.1%',
      'availability of redirect ≥ 99.95%',
      'costs at most $3,000 a month',
      'survives losing any one instance (errors ≤ 0.1%)',
    ]);
  });
});

// Prints JSON: analytic time on a 1,000-node / 2,000-edge design (target: a few ms, so it can run
// on every keystroke) and discrete-event throughput in events per second (target: >= 1 million on
// one core). Machines are shared: run it at least twice and compare.
import { analyze, createAnalyzer, parseDesign, simulate, validateDesign } from '../src/index.ts';
import type { ComponentType, DesignDocument, EdgeDocument, NodeDocument } from '../src/index.ts';

const ANALYTIC_RUNS = 40;
const DES_RUNS = 3;

/** Deterministic pseudo-random numbers for building the design (not the engine's RNG). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** 1 client + 999 components in 20 layers; every component splits over two in the next layer, some also fan out. */
function largeDesign(): DesignDocument {
  const random = lcg(7);
  const nodes: NodeDocument[] = [{ id: 'clients', type: 'client' }];
  const layers: string[][] = [['clients']];
  const sizes = [...Array.from({ length: 19 }, () => 50), 49];
  const middle: ComponentType[] = ['service', 'service', 'service', 'cache', 'worker-pool', 'search-index', 'nosql'];
  sizes.forEach((size, l) => {
    const layer: string[] = [];
    for (let i = 0; i < size; i++) {
      const id = `n${l}-${i}`;
      const type: ComponentType = l === sizes.length - 1 ? (i % 2 ? 'sql-primary' : 'read-replica') : middle[Math.floor(random() * middle.length)]!;
      const props: NodeDocument['props'] = type === 'sql-primary' ? { standbys: 1 } : { instances: 2 + Math.floor(random() * 3) };
      if (type === 'cache') props.hitRatio = 0.5;
      nodes.push({ id, type, props });
      layer.push(id);
    }
    layers.push(layer);
  });
  const edges: EdgeDocument[] = [];
  const link = (from: string, to: string, extra: Partial<EdgeDocument> = {}) => edges.push({ id: `${from}__${to}`, from, to, ...extra });
  for (let l = 0; l < layers.length - 1; l++) {
    const next = layers[l + 1]!;
    layers[l]!.forEach((from, i) => {
      const a = next[i % next.length]!;
      const b = next[(i + 1 + Math.floor(random() * (next.length - 1))) % next.length]!;
      const share = 0.3 + 0.4 * random();
      link(from, a, { share });
      if (b !== a) link(from, b, { share: 1 - share });
      else edges[edges.length - 1]!.share = 1;
    });
  }
  // Fan-out calls to a component two layers down, until there are exactly 2,000 edges.
  let extra = 0;
  while (edges.length < 2000) {
    const l = 1 + (extra % (layers.length - 3));
    const from = layers[l]![Math.floor(random() * layers[l]!.length)]!;
    const to = layers[l + 2]![Math.floor(random() * layers[l + 2]!.length)]!;
    if (!edges.some((e) => e.from === from && e.to === to)) link(from, to);
    extra++;
  }
  return {
    version: 1,
    name: 'bench: 1,000 nodes, 2,000 edges',
    classes: [
      { id: 'read', rate: 800, source: 'clients', kind: 'read' },
      { id: 'write', rate: 150, source: 'clients', kind: 'write' },
    ],
    nodes,
    edges,
  };
}

/** The web app of the issue at a rate that keeps every tier busy. */
function webApp(): DesignDocument {
  return {
    version: 1,
    classes: [
      { id: 'read', rate: 18_000, source: 'users', kind: 'read' },
      { id: 'write', rate: 2_000, source: 'users', kind: 'write' },
    ],
    nodes: [
      { id: 'users', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'api-a', type: 'service', props: { instances: 16 } },
      { id: 'api-b', type: 'service', props: { instances: 16 } },
      { id: 'redis', type: 'cache', props: { instances: 2, hitRatio: 0.9 } },
      { id: 'primary', type: 'sql-primary', props: { standbys: 1 } },
      { id: 'replica', type: 'read-replica', props: { instances: 2 } },
    ],
    edges: [
      { id: 'users-lb', from: 'users', to: 'lb', timeoutMs: 1000, retries: 1 },
      { id: 'lb-a', from: 'lb', to: 'api-a' },
      { id: 'lb-b', from: 'lb', to: 'api-b' },
      { id: 'a-redis', from: 'api-a', to: 'redis', classes: ['read'] },
      { id: 'b-redis', from: 'api-b', to: 'redis', classes: ['read'] },
      { id: 'redis-replica', from: 'redis', to: 'replica' },
      { id: 'a-primary', from: 'api-a', to: 'primary', classes: ['write'] },
      { id: 'b-primary', from: 'api-b', to: 'primary', classes: ['write'] },
    ],
  };
}

function stats(samples: number[]): { medianMs: number; p90Ms: number; minMs: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianMs: round(at(0.5)), p90Ms: round(at(0.9)), minMs: round(sorted[0]!) };
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function time(run: () => unknown, runs: number): number[] {
  run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return samples;
}

const large = largeDesign();
if (!validateDesign(large).ok) throw new Error('the bench design does not validate');
const document = parseDesign(large);
const result = analyze(large);
const analyzer = createAnalyzer();
/** Alternately one node's instance count +1 and +2, each a new structured clone (as the canvas worker receives a draft). */
const edited = [1, 2].map((extra) => {
  const design = structuredClone(large);
  const node = design.nodes[500]!;
  node.props = { ...node.props, instances: (node.props?.instances ?? 1) + extra };
  if (!validateDesign(design).ok) throw new Error('the edited bench design does not validate');
  return design;
});
/** Cloned just before they are timed, so the copies do not weigh on the other measurements. */
function editClones(): DesignDocument[] {
  return Array.from({ length: ANALYTIC_RUNS + 1 }, (_, i) => structuredClone(edited[i % 2]!));
}
const analytic = {
  nodes: large.nodes.length,
  edges: large.edges.length,
  saturatedNodes: result.saturated.length,
  busiestUtilisation: round(result.bottlenecks[0]?.utilisation ?? 0),
  /** zod schema plus the cross-reference rules. */
  validate: stats(time(() => parseDesign(large), ANALYTIC_RUNS)),
  /** A new design object holding the same nodes and edges through createAnalyzer (validate + analyse). */
  analyzerUpdate: stats(time(() => analyzer.update({ ...large }), ANALYTIC_RUNS)),
  /** What the canvas pays per edit: createAnalyzer().update with one node changed each time. */
  analyzerEdit: ((edits) => stats(time(() => analyzer.update(edits.pop()), ANALYTIC_RUNS)))(editClones()),
  /** analyze(): validation, flows, queues, latency mixtures, availability, single points of failure, cost. */
  analyze: stats(time(() => analyze(document), ANALYTIC_RUNS)),
};
analyzer.destroy();

function desThroughput(design: DesignDocument, durationS: number) {
  const runs: { events: number; wallMs: number; eventsPerSecond: number }[] = [];
  for (let i = 0; i < DES_RUNS; i++) {
    const start = performance.now();
    const run = simulate(design, { durationS }, { seed: i + 1 });
    const wallMs = performance.now() - start;
    runs.push({ events: run.events, wallMs: round(wallMs, 1), eventsPerSecond: Math.round(run.events / (wallMs / 1000)) });
  }
  const rates = runs.map((r) => r.eventsPerSecond).sort((a, b) => a - b);
  return { design: design.name ?? 'web app', simulatedS: durationS, medianEventsPerSecond: rates[Math.floor(rates.length / 2)]!, runs };
}

const des = {
  webApp: desThroughput({ ...webApp(), name: 'web app, 20k req/s' }, 20),
  large: desThroughput(large, 10),
};

console.log(JSON.stringify({ bench: '@archlab/sim', node: process.version, analytic, des }, null, 2));

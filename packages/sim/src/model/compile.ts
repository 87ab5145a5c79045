// A validated document turned into flat typed arrays and per-(node, class) routing plans, the
// form both engines iterate over (no object lookups in their inner loops).
import { componentCatalogue } from './catalogue.ts';
import type { Behaviour, ComponentProps, ComponentType } from './catalogue.ts';
import type { DesignDocument, NodeDocument } from './schema.ts';
import { serviceMeanMs, serviceScv } from './service-time.ts';
import type { ServiceTime } from './service-time.ts';

export const BEHAVIOUR_CODE: Record<Behaviour, number> = { source: 0, balancer: 1, processor: 2, cache: 3, limiter: 4, queue: 5 };
export const B_SOURCE = 0;
export const B_CACHE = 3;
export const B_LIMITER = 4;

export const DIST_EXPONENTIAL = 0;
export const DIST_LOGNORMAL = 1;
export const DIST_DETERMINISTIC = 2;

const DEFAULT_EDGE_LATENCY_MS = 0.5;

export interface CompiledDesign {
  readonly nodeCount: number;
  readonly classCount: number;
  readonly edgeCount: number;
  readonly nodeIds: readonly string[];
  readonly nodeTypes: readonly ComponentType[];
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly behaviour: Uint8Array;
  readonly managed: Uint8Array;
  /** Instances that serve traffic (a SQL primary serves from one). */
  readonly instances: Float64Array;
  /** Instances that can take over: instances, or 1 + standbys for a SQL primary. */
  readonly redundancy: Float64Array;
  readonly concurrency: Float64Array;
  readonly serviceDist: Uint8Array;
  readonly serviceMeanMs: Float64Array;
  readonly serviceScv: Float64Array;
  /** Lognormal parameters of the service time in ms (unused for other shapes). */
  readonly serviceLogMu: Float64Array;
  readonly serviceLogSigma: Float64Array;
  /** Waiting room per instance; Infinity when unbounded. */
  readonly queueLimit: Float64Array;
  readonly availability: Float64Array;
  readonly costPerInstanceUsdMonth: Float64Array;
  readonly costPerMillionRequestsUsd: Float64Array;
  readonly idempotent: Uint8Array;
  readonly bypassOnFailure: Uint8Array;
  readonly limitPerKeyRps: Float64Array;
  readonly burstS: Float64Array;
  /** Probability that a class is answered at a node without going downstream, index node * K + class. */
  readonly hitRatio: Float64Array;

  readonly edgeIds: readonly string[];
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeAsync: Uint8Array;
  readonly edgeCalls: Int32Array;
  readonly edgeLatencyMs: Float64Array;
  /** Infinity when the caller never gives up. */
  readonly edgeTimeoutMs: Float64Array;
  readonly edgeRetries: Int32Array;
  readonly edgeBackoffMs: Float64Array;

  readonly classIds: readonly string[];
  readonly classIndex: ReadonlyMap<string, number>;
  /** 1 for write-kind classes. */
  readonly classWrite: Uint8Array;
  readonly classRate: Float64Array;
  readonly classSource: Int32Array;
  readonly classKeys: Float64Array;

  /** Nodes in an order where every edge goes forward. */
  readonly topo: Int32Array;
  /** Incoming edges per node (CSR), for walking back towards the sources. */
  readonly inStart: Int32Array;
  readonly inEdges: Int32Array;
  /** Per (node, class): edges every request calls (fan-out), CSR over node * K + class. */
  readonly fixedStart: Int32Array;
  readonly fixedEdges: Int32Array;
  /** Per (node, class): the split group, one edge per request, with shares summing to 1. */
  readonly splitStart: Int32Array;
  readonly splitEdges: Int32Array;
  readonly splitShares: Float64Array;
  /** 1 where edge e carries class k (it is in its source node's plan), index e * K + k. */
  readonly edgeCarries: Uint8Array;
  /** 1 where class k can reach node n from its source, index n * K + k. */
  readonly reaches: Uint8Array;
  /** 1 where (node, class) hands work off asynchronously somewhere below, index n * K + k. */
  readonly asyncBelow: Uint8Array;
}

export interface CompileOptions {
  /** Replace class rates (requests/s) by id; others keep the document's rate. */
  rates?: Readonly<Record<string, number>>;
}

function resolveProps(node: NodeDocument): ComponentProps {
  const spec = componentCatalogue[node.type];
  const { capacityPerInstanceRps, ...given } = node.props ?? {};
  const props: ComponentProps = { ...spec.defaults, ...given };
  if (capacityPerInstanceRps !== undefined) {
    props.serviceTime = { dist: 'exponential', meanMs: (props.concurrency * 1000) / capacityPerInstanceRps };
  }
  return props;
}

export function compileDesign(design: DesignDocument, options: CompileOptions = {}): CompiledDesign {
  const N = design.nodes.length;
  const K = design.classes.length;
  const E = design.edges.length;
  const nodeIndex = new Map(design.nodes.map((node, i) => [node.id, i]));
  const classIndex = new Map(design.classes.map((c, i) => [c.id, i]));

  const behaviour = new Uint8Array(N);
  const managed = new Uint8Array(N);
  const instances = new Float64Array(N);
  const redundancy = new Float64Array(N);
  const concurrency = new Float64Array(N);
  const serviceDist = new Uint8Array(N);
  const serviceMean = new Float64Array(N);
  const serviceScvs = new Float64Array(N);
  const serviceLogMu = new Float64Array(N);
  const serviceLogSigma = new Float64Array(N);
  const queueLimit = new Float64Array(N);
  const availability = new Float64Array(N);
  const costPerInstance = new Float64Array(N);
  const costPerMillion = new Float64Array(N);
  const idempotent = new Uint8Array(N);
  const bypass = new Uint8Array(N);
  const limitPerKey = new Float64Array(N);
  const burstS = new Float64Array(N);
  const nodeHit = new Float64Array(N);

  design.nodes.forEach((node, i) => {
    const spec = componentCatalogue[node.type];
    const props = resolveProps(node);
    behaviour[i] = BEHAVIOUR_CODE[spec.behaviour];
    managed[i] = spec.managed ? 1 : 0;
    instances[i] = props.instances;
    redundancy[i] = node.type === 'sql-primary' ? 1 + props.standbys : props.instances;
    concurrency[i] = props.concurrency;
    setServiceTime(i, props.serviceTime);
    queueLimit[i] = props.queueLimit ?? Infinity;
    availability[i] = props.availability;
    // The price is for an instance of the default size; more concurrency means a bigger machine.
    costPerInstance[i] = props.costPerInstanceUsdMonth * Math.max(1, props.concurrency / spec.defaults.concurrency);
    costPerMillion[i] = props.costPerMillionRequestsUsd;
    idempotent[i] = props.idempotent ? 1 : 0;
    bypass[i] = props.bypassOnFailure ? 1 : 0;
    limitPerKey[i] = props.limitPerKeyRps;
    burstS[i] = props.burstS;
    nodeHit[i] = props.hitRatio;
  });

  function setServiceTime(i: number, time: ServiceTime) {
    serviceMean[i] = serviceMeanMs(time);
    serviceScvs[i] = serviceScv(time);
    serviceDist[i] = time.dist === 'exponential' ? DIST_EXPONENTIAL : time.dist === 'lognormal' ? DIST_LOGNORMAL : DIST_DETERMINISTIC;
    if (time.dist === 'lognormal') {
      const sigma2 = Math.log(1 + time.cv * time.cv);
      serviceLogSigma[i] = Math.sqrt(sigma2);
      serviceLogMu[i] = Math.log(time.meanMs) - sigma2 / 2;
    }
  }

  const edgeFrom = new Int32Array(E);
  const edgeTo = new Int32Array(E);
  const edgeAsync = new Uint8Array(E);
  const edgeCalls = new Int32Array(E);
  const edgeLatency = new Float64Array(E);
  const edgeTimeout = new Float64Array(E);
  const edgeRetries = new Int32Array(E);
  const edgeBackoff = new Float64Array(E);
  design.edges.forEach((edge, e) => {
    const from = nodeIndex.get(edge.from)!;
    edgeFrom[e] = from;
    edgeTo[e] = nodeIndex.get(edge.to)!;
    edgeAsync[e] = edge.mode === 'async' || behaviour[from] === BEHAVIOUR_CODE.queue ? 1 : 0;
    edgeCalls[e] = edge.calls ?? 1;
    edgeLatency[e] = edge.latencyMs ?? DEFAULT_EDGE_LATENCY_MS;
    edgeTimeout[e] = edge.timeoutMs ?? Infinity;
    edgeRetries[e] = edge.retries ?? 0;
    edgeBackoff[e] = edge.retryBackoffMs ?? 0;
  });

  const outgoing: number[][] = Array.from({ length: N }, () => []);
  const incoming: number[][] = Array.from({ length: N }, () => []);
  design.edges.forEach((_, e) => {
    outgoing[edgeFrom[e]!]!.push(e);
    incoming[edgeTo[e]!]!.push(e);
  });

  const fixedStart = new Int32Array(N * K + 1);
  const splitStart = new Int32Array(N * K + 1);
  const fixed: number[] = [];
  const split: number[] = [];
  const shares: number[] = [];
  const hitRatio = new Float64Array(N * K);
  const edgeShare = design.edges.map((edge) => edge.share);
  const edgeClasses = design.edges.map((edge) => (edge.classes ? new Set(edge.classes) : undefined));
  for (let n = 0; n < N; n++) {
    const isBalancer = behaviour[n] === BEHAVIOUR_CODE.balancer;
    const out = outgoing[n]!;
    for (let k = 0; k < K; k++) {
      const slot = n * K + k;
      fixedStart[slot] = fixed.length;
      splitStart[slot] = split.length;
      const classId = design.classes[k]!.id;
      let givenSum = 0;
      let unshared = 0;
      let carrying = 0;
      for (const e of out) {
        if (edgeClasses[e] && !edgeClasses[e]!.has(classId)) continue;
        carrying++;
        const share = edgeShare[e];
        if (share === undefined) unshared++;
        else givenSum += share;
      }
      for (const e of out) {
        if (edgeClasses[e] && !edgeClasses[e]!.has(classId)) continue;
        const share = edgeShare[e];
        if (share !== undefined) {
          split.push(e);
          shares.push(share);
        } else if (isBalancer) {
          split.push(e);
          shares.push((1 - givenSum) / unshared);
        } else {
          fixed.push(e);
        }
      }
      if (behaviour[n] === B_CACHE) {
        hitRatio[slot] = carrying === 0 ? 1 : design.classes[k]!.kind === 'write' ? 0 : nodeHit[n]!;
      }
    }
  }
  fixedStart[N * K] = fixed.length;
  splitStart[N * K] = split.length;

  const inStart = new Int32Array(N + 1);
  const inEdges: number[] = [];
  for (let n = 0; n < N; n++) {
    inStart[n] = inEdges.length;
    for (const e of incoming[n]!) inEdges.push(e);
  }
  inStart[N] = inEdges.length;

  const edgeCarries = new Uint8Array(E * K);
  for (let slot = 0; slot < N * K; slot++) {
    const k = slot % K;
    for (let i = fixedStart[slot]!; i < fixedStart[slot + 1]!; i++) edgeCarries[fixed[i]! * K + k] = 1;
    for (let i = splitStart[slot]!; i < splitStart[slot + 1]!; i++) edgeCarries[split[i]! * K + k] = 1;
  }
  const topo = topologicalOrder(N, outgoing, edgeTo);
  const classSource = Int32Array.from(design.classes, (c) => nodeIndex.get(c.source)!);
  const reaches = new Uint8Array(N * K);
  for (let k = 0; k < K; k++) reaches[classSource[k]! * K + k] = 1;
  for (const n of topo) {
    for (let k = 0; k < K; k++) {
      if (reaches[n * K + k] === 0) continue;
      for (const e of outgoing[n]!) if (edgeCarries[e * K + k] === 1) reaches[edgeTo[e]! * K + k] = 1;
    }
  }

  const asyncBelow = new Uint8Array(N * K);
  for (let t = N - 1; t >= 0; t--) {
    const n = topo[t]!;
    for (let k = 0; k < K; k++) {
      for (const e of outgoing[n]!) {
        if (edgeCarries[e * K + k] === 1 && (edgeAsync[e] === 1 || asyncBelow[edgeTo[e]! * K + k] === 1)) asyncBelow[n * K + k] = 1;
      }
    }
  }

  const rates = options.rates ?? {};
  return {
    nodeCount: N,
    classCount: K,
    edgeCount: E,
    nodeIds: design.nodes.map((n) => n.id),
    nodeTypes: design.nodes.map((n) => n.type),
    nodeIndex,
    behaviour,
    managed,
    instances,
    redundancy,
    concurrency,
    serviceDist,
    serviceMeanMs: serviceMean,
    serviceScv: serviceScvs,
    serviceLogMu,
    serviceLogSigma,
    queueLimit,
    availability,
    costPerInstanceUsdMonth: costPerInstance,
    costPerMillionRequestsUsd: costPerMillion,
    idempotent,
    bypassOnFailure: bypass,
    limitPerKeyRps: limitPerKey,
    burstS,
    hitRatio,
    edgeIds: design.edges.map((e) => e.id),
    edgeFrom,
    edgeTo,
    edgeAsync,
    edgeCalls,
    edgeLatencyMs: edgeLatency,
    edgeTimeoutMs: edgeTimeout,
    edgeRetries,
    edgeBackoffMs: edgeBackoff,
    classIds: design.classes.map((c) => c.id),
    classIndex,
    classWrite: Uint8Array.from(design.classes, (c) => (c.kind === 'write' ? 1 : 0)),
    classRate: Float64Array.from(design.classes, (c) => rates[c.id] ?? c.rate),
    classSource,
    classKeys: Float64Array.from(design.classes, (c) => c.keys ?? 1),
    topo,
    inStart,
    inEdges: Int32Array.from(inEdges),
    fixedStart,
    fixedEdges: Int32Array.from(fixed),
    splitStart,
    splitEdges: Int32Array.from(split),
    splitShares: Float64Array.from(shares),
    edgeCarries,
    reaches,
    asyncBelow,
  };
}

/** Kahn's algorithm; validation has already rejected cycles. */
function topologicalOrder(N: number, outgoing: number[][], edgeTo: Int32Array): Int32Array {
  const indegree = new Int32Array(N);
  for (let n = 0; n < N; n++) for (const e of outgoing[n]!) indegree[edgeTo[e]!]!++;
  const order = new Int32Array(N);
  let head = 0;
  let tail = 0;
  for (let n = 0; n < N; n++) if (indegree[n] === 0) order[tail++] = n;
  while (head < tail) {
    const n = order[head++]!;
    for (const e of outgoing[n]!) {
      const to = edgeTo[e]!;
      if (--indegree[to]! === 0) order[tail++] = to;
    }
  }
  if (tail !== N) throw new Error('compileDesign: the design has a cycle (validate it first)');
  return order;
}

// Structural single points of failure: a box whose one instance (no standby, not managed) takes
// some class down with it when it fails, with example paths through it. Each candidate is knocked
// out alone and only its ancestors are re-evaluated, so the cost is candidates x ancestors.
import { B_CACHE, B_SOURCE } from '../model/compile.ts';
import type { CompiledDesign } from '../model/compile.ts';
import type { SinglePointOfFailure } from './types.ts';

const MAX_PATHS = 3;
const MAX_PATH_STEPS = 10_000;

export function findSinglePointsOfFailure(d: CompiledDesign): SinglePointOfFailure[] {
  const N = d.nodeCount;
  const K = d.classCount;
  const works = new Float64Array(N * K).fill(1);
  const topoPosition = new Int32Array(N);
  d.topo.forEach((n, i) => (topoPosition[n] = i));
  const seen = new Int32Array(N).fill(-1);
  const found: SinglePointOfFailure[] = [];

  for (let x = 0; x < N; x++) {
    if (d.behaviour[x] === B_SOURCE || d.managed[x] === 1 || d.redundancy[x]! > 1) continue;
    if (d.behaviour[x] === B_CACHE && d.bypassOnFailure[x] === 1 && hasAnyDownstream(d, x)) continue;
    const ancestors = collectAncestors(d, x, seen);
    ancestors.sort((a, b) => topoPosition[b]! - topoPosition[a]!);
    for (let k = 0; k < K; k++) works[x * K + k] = 0;
    for (const a of ancestors) for (let k = 0; k < K; k++) works[a * K + k] = evaluate(d, works, a, k, x);

    const classes: SinglePointOfFailure['classes'] = [];
    for (let k = 0; k < K; k++) {
      if (d.reaches[x * K + k] === 0) continue;
      const failedFraction = 1 - works[d.classSource[k]! * K + k]!;
      if (failedFraction > 1e-9) classes.push({ id: d.classIds[k]!, failedFraction, paths: pathsTo(d, x, k) });
    }
    if (classes.length > 0) found.push({ node: d.nodeIds[x]!, type: d.nodeTypes[x]!, classes });
    works.fill(1, x * K, x * K + K);
    for (const a of ancestors) works.fill(1, a * K, a * K + K);
  }
  return found;
}

function hasAnyDownstream(d: CompiledDesign, n: number): boolean {
  const K = d.classCount;
  return d.fixedStart[n * K + K]! > d.fixedStart[n * K]! || d.splitStart[n * K + K]! > d.splitStart[n * K]!;
}

function collectAncestors(d: CompiledDesign, x: number, seen: Int32Array): number[] {
  const out: number[] = [];
  const stack = [x];
  seen[x] = x;
  while (stack.length > 0) {
    const y = stack.pop()!;
    for (let i = d.inStart[y]!; i < d.inStart[y + 1]!; i++) {
      const from = d.edgeFrom[d.inEdges[i]!]!;
      if (seen[from] === x) continue;
      seen[from] = x;
      out.push(from);
      stack.push(from);
    }
  }
  return out;
}

/** Fraction of class k at node n that completes (sync and async work) while node x is down. */
function evaluate(d: CompiledDesign, works: Float64Array, n: number, k: number, x: number): number {
  const K = d.classCount;
  const slot = n * K + k;
  let downstream = 1;
  for (let i = d.fixedStart[slot]!; i < d.fixedStart[slot + 1]!; i++) downstream *= works[d.edgeTo[d.fixedEdges[i]!]! * K + k]!;
  const splitFrom = d.splitStart[slot]!;
  const splitTo = d.splitStart[slot + 1]!;
  if (splitFrom < splitTo) {
    let healthy = 0;
    let sum = 0;
    for (let i = splitFrom; i < splitTo; i++) {
      const target = d.edgeTo[d.splitEdges[i]!]!;
      if (target === x) continue;
      healthy += d.splitShares[i]!;
      sum += d.splitShares[i]! * works[target * K + k]!;
    }
    downstream *= healthy > 0 ? sum / healthy : 0;
  }
  const hit = d.hitRatio[slot]!;
  return hit + (1 - hit) * downstream;
}

/** Up to MAX_PATHS paths from the class's source to node x, following edges that carry it. */
function pathsTo(d: CompiledDesign, x: number, k: number): string[][] {
  const K = d.classCount;
  const source = d.classSource[k]!;
  const paths: string[][] = [];
  const trail: number[] = [x];
  let steps = 0;
  const walk = (y: number): void => {
    if (paths.length >= MAX_PATHS || ++steps > MAX_PATH_STEPS) return;
    if (y === source) {
      paths.push(trail.map((n) => d.nodeIds[n]!).reverse());
      return;
    }
    for (let i = d.inStart[y]!; i < d.inStart[y + 1]!; i++) {
      const e = d.inEdges[i]!;
      const from = d.edgeFrom[e]!;
      if (d.edgeCarries[e * K + k] === 0 || d.reaches[from * K + k] === 0) continue;
      trail.push(from);
      walk(from);
      trail.pop();
    }
  };
  walk(x);
  return paths;
}

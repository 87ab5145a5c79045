// Long-run availability per class: series along fan-out calls, parallel across a split group
// (callers health-check their targets), instances of a box in parallel. A bypassable cache adds no
// risk (when it is down its callers go straight to its backend). Components are treated as
// independent, so a node shared by two parallel branches is counted in both: a slight overestimate.
import { B_CACHE, B_SOURCE } from '../model/compile.ts';
import type { CompiledDesign } from '../model/compile.ts';

/** Availability of each box: 1 - (1 - a)^instances up, or the provider's SLA when managed. */
export function nodeAvailability(d: CompiledDesign, serving: Float64Array, lost: Float64Array): Float64Array {
  const out = new Float64Array(d.nodeCount);
  for (let n = 0; n < d.nodeCount; n++) {
    if (d.behaviour[n] === B_SOURCE) out[n] = 1;
    else if (serving[n] === 0) out[n] = 0;
    else if (d.managed[n] === 1) out[n] = d.availability[n]!;
    else out[n] = 1 - Math.pow(1 - d.availability[n]!, Math.max(1, d.redundancy[n]! - lost[n]!));
  }
  return out;
}

/** Per (node, class): probability that everything the synchronous answer needs is up. */
export function classAvailability(d: CompiledDesign, boxes: Float64Array): Float64Array {
  const K = d.classCount;
  const out = new Float64Array(d.nodeCount * K);
  for (let t = d.nodeCount - 1; t >= 0; t--) {
    const n = d.topo[t]!;
    for (let k = 0; k < K; k++) {
      const slot = n * K + k;
      let downstream = 1;
      for (let i = d.fixedStart[slot]!; i < d.fixedStart[slot + 1]!; i++) {
        const e = d.fixedEdges[i]!;
        if (d.edgeAsync[e] === 0) downstream *= out[d.edgeTo[e]! * K + k]!;
      }
      const splitFrom = d.splitStart[slot]!;
      const splitTo = d.splitStart[slot + 1]!;
      if (splitFrom < splitTo) {
        let allDown = 1;
        for (let i = splitFrom; i < splitTo; i++) {
          const e = d.splitEdges[i]!;
          allDown *= d.edgeAsync[e] === 1 ? 0 : 1 - out[d.edgeTo[e]! * K + k]!;
        }
        downstream *= 1 - allDown;
      }
      const hasDownstream = d.fixedStart[slot + 1]! > d.fixedStart[slot]! || splitTo > splitFrom;
      if (d.behaviour[n] === B_CACHE && hasDownstream && d.bypassOnFailure[n] === 1) out[slot] = downstream;
      else out[slot] = boxes[n]! * downstream;
    }
  }
  return out;
}

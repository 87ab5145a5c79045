// Steady-state flow propagation: class rates enter at their sources and follow routing shares,
// fan-out calls, cache misses, rate limits and retries, node by node in topological order. Each
// node is an M/M/c queue (M/G/c by Allen-Cunneen) over the sum of its classes; a full waiting
// room loses C * ρ^K of its arrivals (the M/M/c queue-length tail), an overload loses or piles
// up the excess.
import type { CompiledDesign } from '../model/compile.ts';
import { B_CACHE, B_LIMITER, B_SOURCE } from '../model/compile.ts';
import { stableQueue } from '../math/erlang-c.ts';

export interface FlowState {
  readonly design: CompiledDesign;
  /** Instances serving after faults, per node. */
  readonly serving: Float64Array;
  readonly arrival: Float64Array;
  readonly served: Float64Array;
  readonly dropped: Float64Array;
  readonly rejected: Float64Array;
  readonly backlog: Float64Array;
  readonly hits: Float64Array;
  readonly unroutable: Float64Array;
  /** Attempts per second per (edge, class). */
  readonly edgeFlow: Float64Array;
  /** Attempts per call per (edge, class), from the previous latency pass (1 without retries). */
  readonly attempts: Float64Array;
  readonly servers: Float64Array;
  readonly capacityRps: Float64Array;
  readonly utilisation: Float64Array;
  readonly lossFraction: Float64Array;
  readonly backlogFraction: Float64Array;
  readonly waitProbability: Float64Array;
  readonly waitRatePerMs: Float64Array;
  readonly meanWaitMs: Float64Array;
  /** Wait of everyone in an overloaded node (full room or growing backlog), ms. */
  readonly overloadWaitMeanMs: Float64Array;
  readonly overloadWaitVarMs2: Float64Array;
}

export function createFlowState(design: CompiledDesign, serving: Float64Array): FlowState {
  const N = design.nodeCount;
  const NK = N * design.classCount;
  const EK = design.edgeCount * design.classCount;
  const attempts = new Float64Array(EK).fill(1);
  return {
    design,
    serving,
    arrival: new Float64Array(NK),
    served: new Float64Array(NK),
    dropped: new Float64Array(NK),
    rejected: new Float64Array(NK),
    backlog: new Float64Array(NK),
    hits: new Float64Array(NK),
    unroutable: new Float64Array(NK),
    edgeFlow: new Float64Array(EK),
    attempts,
    servers: new Float64Array(N),
    capacityRps: new Float64Array(N),
    utilisation: new Float64Array(N),
    lossFraction: new Float64Array(N),
    backlogFraction: new Float64Array(N),
    waitProbability: new Float64Array(N),
    waitRatePerMs: new Float64Array(N),
    meanWaitMs: new Float64Array(N),
    overloadWaitMeanMs: new Float64Array(N),
    overloadWaitVarMs2: new Float64Array(N),
  };
}

/** Recomputes every flow and queue from the class rates and the current attempts per call. */
export function propagateFlow(state: FlowState, rates: Float64Array, horizonS: number): void {
  const d = state.design;
  const K = d.classCount;
  const { arrival, served, dropped, rejected, backlog, hits, unroutable, edgeFlow, attempts, serving } = state;
  arrival.fill(0);
  edgeFlow.fill(0);
  for (let k = 0; k < K; k++) arrival[d.classSource[k]! * K + k]! += rates[k]!;

  for (let t = 0; t < d.nodeCount; t++) {
    const n = d.topo[t]!;
    const base = n * K;
    const behaviour = d.behaviour[n]!;
    const isDown = serving[n] === 0 && behaviour !== B_SOURCE;
    const bypassed = isDown && behaviour === B_CACHE && d.bypassOnFailure[n] === 1;

    let admittedTotal = 0;
    for (let k = 0; k < K; k++) {
      const a = arrival[base + k]!;
      let admitted = a;
      if (behaviour === B_LIMITER && !isDown) admitted = Math.min(a, d.classKeys[k]! * d.limitPerKeyRps[n]!);
      rejected[base + k] = a - admitted;
      admittedTotal += admitted;
    }

    let loss = 0;
    let pile = 0;
    if (behaviour === B_SOURCE || bypassed) {
      resetQueue(state, n);
    } else if (isDown) {
      resetQueue(state, n);
      loss = 1;
    } else {
      const q = updateQueue(state, n, admittedTotal, horizonS);
      loss = q.loss;
      pile = q.pile;
    }

    for (let k = 0; k < K; k++) {
      const slot = base + k;
      const admitted = arrival[slot]! - rejected[slot]!;
      dropped[slot] = admitted * loss;
      backlog[slot] = admitted * pile;
      const ok = admitted - dropped[slot]! - backlog[slot]!;
      served[slot] = ok;
      const hitRatio = bypassed ? 0 : d.hitRatio[slot]!;
      const out = ok * (1 - hitRatio);
      hits[slot] = ok - out;
      unroutable[slot] = 0;
      if (out <= 0) continue;
      for (let i = d.fixedStart[slot]!; i < d.fixedStart[slot + 1]!; i++) {
        const e = d.fixedEdges[i]!;
        const flow = out * d.edgeCalls[e]! * attempts[e * K + k]!;
        edgeFlow[e * K + k] = flow;
        arrival[d.edgeTo[e]! * K + k]! += flow;
      }
      const splitFrom = d.splitStart[slot]!;
      const splitTo = d.splitStart[slot + 1]!;
      if (splitFrom === splitTo) continue;
      const healthy = healthyShare(state, splitFrom, splitTo);
      if (healthy <= 0) {
        unroutable[slot] = out;
        continue;
      }
      for (let i = splitFrom; i < splitTo; i++) {
        const e = d.splitEdges[i]!;
        if (serving[d.edgeTo[e]!] === 0 && !isBypassable(d, d.edgeTo[e]!)) continue;
        const flow = ((out * d.splitShares[i]!) / healthy) * attempts[e * K + k]!;
        edgeFlow[e * K + k] = flow;
        arrival[d.edgeTo[e]! * K + k]! += flow;
      }
    }
  }
}

/** Split targets that are down are skipped (callers health-check them); returns the healthy share. */
export function healthyShare(state: FlowState, from: number, to: number): number {
  const d = state.design;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const target = d.edgeTo[d.splitEdges[i]!]!;
    if (state.serving[target]! > 0 || isBypassable(d, target)) sum += d.splitShares[i]!;
  }
  return sum;
}

export function isBypassable(d: CompiledDesign, node: number): boolean {
  return d.behaviour[node] === B_CACHE && d.bypassOnFailure[node] === 1;
}

function resetQueue(state: FlowState, n: number): void {
  state.servers[n] = 0;
  state.capacityRps[n] = 0;
  state.utilisation[n] = 0;
  state.lossFraction[n] = 0;
  state.backlogFraction[n] = 0;
  state.waitProbability[n] = 0;
  state.waitRatePerMs[n] = 0;
  state.meanWaitMs[n] = 0;
  state.overloadWaitMeanMs[n] = 0;
  state.overloadWaitVarMs2[n] = 0;
}

function updateQueue(state: FlowState, n: number, arrivalRps: number, horizonS: number): { loss: number; pile: number } {
  const d = state.design;
  const servers = state.serving[n]! * d.concurrency[n]!;
  const meanMs = d.serviceMeanMs[n]!;
  const capacityRps = (servers * 1000) / meanMs;
  const room = d.queueLimit[n]! * state.serving[n]!;
  resetQueue(state, n);
  state.servers[n] = servers;
  state.capacityRps[n] = capacityRps;
  state.utilisation[n] = arrivalRps / capacityRps;
  if (arrivalRps <= 0) return { loss: 0, pile: 0 };
  if (arrivalRps < capacityRps) {
    const q = stableQueue(servers, arrivalRps / 1000, { dist: d.serviceDist[n]!, meanMs, scv: d.serviceScv[n]!, logMu: d.serviceLogMu[n]!, logSigma: d.serviceLogSigma[n]! });
    state.waitProbability[n] = q.waitProbability;
    state.waitRatePerMs[n] = q.waitRatePerMs;
    state.meanWaitMs[n] = q.meanWaitMs;
    const loss = Number.isFinite(room) ? q.waitProbability * Math.pow(q.utilisation, room) : 0;
    state.lossFraction[n] = loss;
    return { loss, pile: 0 };
  }
  // Overloaded: the node serves at capacity; the excess is lost (bounded room, always full) or
  // piles up (unbounded: the wait grows linearly, uniform over [0, wait at the horizon]).
  const excess = 1 - capacityRps / arrivalRps;
  state.waitProbability[n] = 1;
  if (Number.isFinite(room)) {
    const wait = (room / capacityRps) * 1000;
    state.meanWaitMs[n] = wait;
    state.overloadWaitMeanMs[n] = wait;
    state.lossFraction[n] = excess;
    return { loss: excess, pile: 0 };
  }
  const waitAtHorizonMs = ((arrivalRps - capacityRps) * horizonS * 1000) / capacityRps;
  state.meanWaitMs[n] = waitAtHorizonMs / 2;
  state.overloadWaitMeanMs[n] = waitAtHorizonMs / 2;
  state.overloadWaitVarMs2[n] = (waitAtHorizonMs * waitAtHorizonMs) / 12;
  state.backlogFraction[n] = excess;
  return { loss: 0, pile: excess };
}

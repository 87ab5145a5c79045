// The backward pass: for every (node, class), the latency distribution of what a caller waits for
// (own sojourn plus synchronous calls, as a moment-matched mixture), its success probability, and
// per edge the timeout probability and the attempts per call that retries cause. Those attempts
// feed the next forward pass until they settle: that fixed point is the retry storm.
//
// End-to-end percentiles are approximate: stages are assumed independent (true for the M/M/c
// Jackson networks the DES is checked against, in distribution only for the means), a stage's
// distribution is kept as at most MAX_COMPONENTS (mean, variance) components, and a timed-out
// attempt is counted as the full timeout before its retry.
import type { CompiledDesign } from '../model/compile.ts';
import { B_SOURCE } from '../model/compile.ts';
import { MixtureArena } from '../math/latency-mixture.ts';
import { healthyShare, isBypassable } from './flow.ts';
import type { FlowState } from './flow.ts';

// Working registers of the arena.
const SOJOURN = 0;
const DOWN = 1;
const DOWN_COMPLETION = 2;
const SPLIT = 3;
const SPLIT_COMPLETION = 4;
const RESULT = 5;
const MISS = 6;
const EDGE = 7;
const REGISTERS = 8;

export interface LatencyState {
  readonly arena: MixtureArena;
  /** Arena slot of what a caller of (node, class) waits for, excluding the hop to the node. */
  responseSlot(slot: number): number;
  /** Arena slot of the time until every asynchronous hand-off below (node, class) is done too. */
  completionSlot(slot: number): number;
  /** Arena slot of one call over (edge, class): hop, timeouts and retries included. */
  edgeSlot(ek: number): number;
  /** Arena slot of a node's own sojourn (wait plus service). */
  sojournSlot(n: number): number;
  /** Per (node, class): probability the synchronous answer succeeds. */
  readonly success: Float64Array;
  readonly completionSuccess: Float64Array;
  /** Per (edge, class). */
  readonly timeoutProbability: Float64Array;
  readonly attemptsPerCall: Float64Array;
  readonly edgeSuccess: Float64Array;
  readonly edgeCompletionSuccess: Float64Array;
}

export function createLatencyState(design: CompiledDesign): LatencyState {
  const NK = design.nodeCount * design.classCount;
  const EK = design.edgeCount * design.classCount;
  return {
    arena: new MixtureArena(2 * NK + 2 * EK + design.nodeCount, REGISTERS),
    responseSlot: (slot) => slot,
    completionSlot: (slot) => NK + slot,
    edgeSlot: (ek) => 2 * NK + ek,
    sojournSlot: (n) => 2 * NK + 2 * EK + n,
    success: new Float64Array(NK),
    completionSuccess: new Float64Array(NK),
    timeoutProbability: new Float64Array(EK),
    attemptsPerCall: new Float64Array(EK).fill(1),
    edgeSuccess: new Float64Array(EK),
    edgeCompletionSuccess: new Float64Array(EK),
  };
}

/** Register SOJOURN := the node's own time, service plus wait, for the current flow. */
function loadSojourn(flow: FlowState, arena: MixtureArena, n: number, bypassed: boolean): void {
  const d = flow.design;
  if (d.behaviour[n] === B_SOURCE || flow.serving[n] === 0 || bypassed) {
    arena.setPoint(SOJOURN, 0);
    return;
  }
  const m = d.serviceMeanMs[n]!;
  const v = d.serviceScv[n]! * m * m;
  arena.clear(SOJOURN);
  if (flow.utilisation[n]! >= 1) {
    arena.push(SOJOURN, 1, m + flow.overloadWaitMeanMs[n]!, v + flow.overloadWaitVarMs2[n]!);
    return;
  }
  const C = flow.waitProbability[n]!;
  if (C <= 0) {
    arena.push(SOJOURN, 1, m, v);
    return;
  }
  const w = 1 / flow.waitRatePerMs[n]!;
  arena.push(SOJOURN, 1 - C, m, v);
  arena.push(SOJOURN, C, m + w, v + w * w);
}

export function computeLatency(flow: FlowState, state: LatencyState): void {
  const d = flow.design;
  const K = d.classCount;
  const { arena, success, completionSuccess } = state;

  for (let t = d.nodeCount - 1; t >= 0; t--) {
    const n = d.topo[t]!;
    const base = n * K;
    const bypassed = flow.serving[n] === 0 && isBypassable(d, n);
    loadSojourn(flow, arena, n, bypassed);
    arena.copy(RESULT, SOJOURN);
    arena.save(state.sojournSlot(n), RESULT);
    for (let k = 0; k < K; k++) {
      const slot = base + k;
      const arrival = flow.arrival[slot]!;
      if (arrival <= 0) {
        arena.saveZero(state.responseSlot(slot));
        arena.saveZero(state.completionSlot(slot));
        success[slot] = flow.serving[n] === 0 && !bypassed && d.behaviour[n] !== B_SOURCE ? 0 : 1;
        completionSuccess[slot] = success[slot]!;
        continue;
      }
      const okFraction = flow.served[slot]! / arrival;
      // Without a hand-off below, completion is the response: computed once, copied.
      const tracksCompletion = d.asyncBelow[slot] === 1;

      arena.setPoint(DOWN, 0);
      arena.setPoint(DOWN_COMPLETION, 0);
      let downSuccess = 1;
      let downCompletionSuccess = 1;
      for (let i = d.fixedStart[slot]!; i < d.fixedStart[slot + 1]!; i++) {
        const e = d.fixedEdges[i]!;
        const ek = e * K + k;
        updateEdge(flow, state, e, k);
        const calls = d.edgeCalls[e]!;
        const async = d.edgeAsync[e] === 1;
        for (let c = 0; c < calls; c++) {
          if (!async) arena.addSlot(DOWN, state.edgeSlot(ek), 0);
          if (tracksCompletion) arena.addSlot(DOWN_COMPLETION, completionEdgeSlot(state, ek), 0);
        }
        if (!async) downSuccess *= Math.pow(state.edgeSuccess[ek]!, calls);
        downCompletionSuccess *= Math.pow(state.edgeCompletionSuccess[ek]!, calls);
      }
      const splitFrom = d.splitStart[slot]!;
      const splitTo = d.splitStart[slot + 1]!;
      if (splitFrom < splitTo) {
        const healthy = healthyShare(flow, splitFrom, splitTo);
        if (healthy <= 0) {
          downSuccess = 0;
          downCompletionSuccess = 0;
        } else {
          arena.clear(SPLIT);
          arena.clear(SPLIT_COMPLETION);
          let splitSuccess = 0;
          let splitCompletionSuccess = 0;
          for (let i = splitFrom; i < splitTo; i++) {
            const e = d.splitEdges[i]!;
            const target = d.edgeTo[e]!;
            if (flow.serving[target] === 0 && !isBypassable(d, target)) continue;
            const ek = e * K + k;
            updateEdge(flow, state, e, k);
            const share = d.splitShares[i]! / healthy;
            const async = d.edgeAsync[e] === 1;
            if (async) arena.push(SPLIT, share, 0, 0);
            else arena.mixSlot(SPLIT, share, state.edgeSlot(ek), 0);
            if (tracksCompletion) arena.mixSlot(SPLIT_COMPLETION, share, completionEdgeSlot(state, ek), 0);
            splitSuccess += share * (async ? 1 : state.edgeSuccess[ek]!);
            splitCompletionSuccess += share * state.edgeCompletionSuccess[ek]!;
          }
          arena.addRegister(DOWN, SPLIT);
          if (tracksCompletion) arena.addRegister(DOWN_COMPLETION, SPLIT_COMPLETION);
          downSuccess *= splitSuccess;
          downCompletionSuccess *= splitCompletionSuccess;
        }
      }

      const hit = bypassed ? 0 : d.hitRatio[slot]!;
      saveWithHits(arena, state.responseSlot(slot), hit, DOWN);
      if (tracksCompletion) saveWithHits(arena, state.completionSlot(slot), hit, DOWN_COMPLETION);
      else arena.copySlot(state.completionSlot(slot), state.responseSlot(slot));
      success[slot] = probability(okFraction * (hit + (1 - hit) * downSuccess));
      completionSuccess[slot] = probability(okFraction * (hit + (1 - hit) * downCompletionSuccess));
    }
  }
}

/** Stores sojourn + downstream, or with probability `hit` the sojourn alone. */
function saveWithHits(arena: MixtureArena, slot: number, hit: number, downstream: number): void {
  if (hit <= 0) {
    arena.copy(RESULT, SOJOURN);
    arena.addRegister(RESULT, downstream);
  } else {
    arena.copy(MISS, SOJOURN);
    arena.addRegister(MISS, downstream);
    arena.clear(RESULT);
    arena.mixRegister(RESULT, hit, SOJOURN);
    arena.mixRegister(RESULT, 1 - hit, MISS);
  }
  arena.save(slot, RESULT);
}

function completionEdgeSlot(state: LatencyState, ek: number): number {
  return state.edgeSlot(ek) + state.timeoutProbability.length;
}

/** Clamps rounding noise (a product of shares can land a hair above 1). */
function probability(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** One call over edge e for class k: network hop, timeout, and retries after failed attempts. */
function updateEdge(flow: FlowState, state: LatencyState, e: number, k: number): void {
  const d = flow.design;
  const arena = state.arena;
  const K = d.classCount;
  const ek = e * K + k;
  const target = d.edgeTo[e]! * K + k;
  const latency = d.edgeLatencyMs[e]!;
  const timeout = d.edgeTimeoutMs[e]!;
  const targetSuccess = state.success[target]!;
  const late = Number.isFinite(timeout) ? arena.survival(state.responseSlot(target), timeout - latency) : 0;
  const failure = Math.min(1, Math.max(0, 1 - targetSuccess * (1 - late)));
  state.timeoutProbability[ek] = targetSuccess * late;

  const retries = d.edgeRetries[e]!;
  let attempts = 1;
  let power = 1;
  for (let i = 1; i <= retries; i++) {
    power *= failure;
    attempts += power;
  }
  state.attemptsPerCall[ek] = attempts;
  state.edgeSuccess[ek] = probability(1 - power * failure);
  const completionRatio = targetSuccess > 0 ? state.completionSuccess[target]! / targetSuccess : 0;
  state.edgeCompletionSuccess[ek] = probability(state.edgeSuccess[ek]! * completionRatio);

  const retriesSeen = retries === 0 || failure < 1e-9 || failure >= 1 ? 0 : retries;
  saveAttempts(d, arena, e, state.edgeSlot(ek), state.responseSlot(target), failure, retriesSeen, power * failure);
  if (d.asyncBelow[target] === 1) saveAttempts(d, arena, e, completionEdgeSlot(state, ek), state.completionSlot(target), failure, retriesSeen, power * failure);
  else arena.copySlot(completionEdgeSlot(state, ek), state.edgeSlot(ek));
}

/**
 * What a successful call over edge e looks like: the answer arrived before the timeout, on attempt
 * i + 1 after i failed attempts (a timeout each, or as long as an answer when the target fails
 * without one) and the backoffs between them.
 */
function saveAttempts(d: CompiledDesign, arena: MixtureArena, e: number, slot: number, from: number, failure: number, retries: number, allFail: number): void {
  const latency = d.edgeLatencyMs[e]!;
  const timeout = d.edgeTimeoutMs[e]!;
  arena.clear(EDGE);
  if (retries === 0) {
    if (!Number.isFinite(timeout) || arena.mixSlotBelow(EDGE, 1, from, latency, timeout) <= 0) arena.mixSlot(EDGE, 1, from, latency);
    arena.save(slot, EDGE);
    return;
  }
  const failedAttemptMs = Number.isFinite(timeout) ? timeout : latency + arena.mean(from);
  const total = 1 - allFail;
  let weight = 1 - failure;
  let delay = latency;
  for (let i = 0; i <= retries; i++) {
    if (i > 0) {
      weight *= failure;
      delay += failedAttemptMs + d.edgeBackoffMs[e]! * Math.pow(2, i - 1);
    }
    if (!Number.isFinite(timeout) || arena.mixSlotBelow(EDGE, weight / total, from, delay, delay - latency + timeout) <= 0) arena.mixSlot(EDGE, weight / total, from, delay);
  }
  arena.save(slot, EDGE);
}

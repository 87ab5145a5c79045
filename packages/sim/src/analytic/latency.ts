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
import { mixMixtures, mixtureMean, mixtureSurvival, pointMixture, shiftMixture, sumMixtures } from '../math/latency-mixture.ts';
import type { Mixture } from '../math/latency-mixture.ts';
import { healthyShare, isBypassable } from './flow.ts';
import type { FlowState } from './flow.ts';

export interface LatencyState {
  /** Per (node, class): what a caller waits for, excluding the network hop to the node. */
  readonly response: Mixture[];
  /** Per (node, class): until every asynchronous hand-off below it is done too. */
  readonly completion: Mixture[];
  /** Per (node, class): probability the synchronous answer succeeds. */
  readonly success: Float64Array;
  readonly completionSuccess: Float64Array;
  /** Per (edge, class). */
  readonly timeoutProbability: Float64Array;
  readonly attemptsPerCall: Float64Array;
  readonly edgeResponse: Mixture[];
  readonly edgeSuccess: Float64Array;
}

const ZERO: Mixture = pointMixture(0);

export function createLatencyState(design: CompiledDesign): LatencyState {
  const NK = design.nodeCount * design.classCount;
  const EK = design.edgeCount * design.classCount;
  return {
    response: new Array<Mixture>(NK).fill(ZERO),
    completion: new Array<Mixture>(NK).fill(ZERO),
    success: new Float64Array(NK),
    completionSuccess: new Float64Array(NK),
    timeoutProbability: new Float64Array(EK),
    attemptsPerCall: new Float64Array(EK).fill(1),
    edgeResponse: new Array<Mixture>(EK).fill(ZERO),
    edgeSuccess: new Float64Array(EK),
  };
}

/** The node's own time: service plus wait, for the current flow. */
export function sojournMixture(flow: FlowState, n: number): Mixture {
  const d = flow.design;
  const down = flow.serving[n] === 0;
  if (d.behaviour[n] === B_SOURCE || down) return ZERO;
  const m = d.serviceMeanMs[n]!;
  const v = d.serviceScv[n]! * m * m;
  if (flow.utilisation[n]! >= 1) return [1, m + flow.overloadWaitMeanMs[n]!, v + flow.overloadWaitVarMs2[n]!];
  const C = flow.waitProbability[n]!;
  if (C <= 0) return [1, m, v];
  const w = 1 / flow.waitRatePerMs[n]!;
  return [1 - C, m, v, C, m + w, v + w * w];
}

export function computeLatency(flow: FlowState, state: LatencyState): void {
  const d = flow.design;
  const K = d.classCount;
  const { response, completion, success, completionSuccess } = state;
  const edgeCompletion: Mixture[] = [];
  const edgeCompletionSuccess: number[] = [];

  for (let t = d.nodeCount - 1; t >= 0; t--) {
    const n = d.topo[t]!;
    const base = n * K;
    const bypassed = flow.serving[n] === 0 && isBypassable(d, n);
    const sojourn = bypassed ? ZERO : sojournMixture(flow, n);
    for (let k = 0; k < K; k++) {
      const slot = base + k;
      const arrival = flow.arrival[slot]!;
      if (arrival <= 0) {
        response[slot] = ZERO;
        completion[slot] = ZERO;
        success[slot] = flow.serving[n] === 0 && !bypassed && d.behaviour[n] !== B_SOURCE ? 0 : 1;
        completionSuccess[slot] = success[slot]!;
        continue;
      }
      const okFraction = flow.served[slot]! / arrival;

      let down = ZERO;
      let downSuccess = 1;
      let downCompletion = ZERO;
      let downCompletionSuccess = 1;
      for (let i = d.fixedStart[slot]!; i < d.fixedStart[slot + 1]!; i++) {
        const e = d.fixedEdges[i]!;
        const ek = e * K + k;
        updateEdge(flow, state, e, k, edgeCompletion, edgeCompletionSuccess);
        const calls = d.edgeCalls[e]!;
        for (let c = 0; c < calls; c++) {
          if (d.edgeAsync[e] === 0) down = sumMixtures(down, state.edgeResponse[ek]!);
          downCompletion = sumMixtures(downCompletion, edgeCompletion[ek]!);
        }
        if (d.edgeAsync[e] === 0) downSuccess *= Math.pow(state.edgeSuccess[ek]!, calls);
        downCompletionSuccess *= Math.pow(edgeCompletionSuccess[ek]!, calls);
      }
      const splitFrom = d.splitStart[slot]!;
      const splitTo = d.splitStart[slot + 1]!;
      if (splitFrom < splitTo) {
        const healthy = healthyShare(flow, splitFrom, splitTo);
        if (healthy <= 0) {
          downSuccess = 0;
          downCompletionSuccess = 0;
        } else {
          const parts: [number, Mixture][] = [];
          const completionParts: [number, Mixture][] = [];
          let splitSuccess = 0;
          let splitCompletionSuccess = 0;
          for (let i = splitFrom; i < splitTo; i++) {
            const e = d.splitEdges[i]!;
            const target = d.edgeTo[e]!;
            if (flow.serving[target] === 0 && !isBypassable(d, target)) continue;
            const ek = e * K + k;
            updateEdge(flow, state, e, k, edgeCompletion, edgeCompletionSuccess);
            const share = d.splitShares[i]! / healthy;
            const async = d.edgeAsync[e] === 1;
            parts.push([share, async ? ZERO : state.edgeResponse[ek]!]);
            completionParts.push([share, edgeCompletion[ek]!]);
            splitSuccess += share * (async ? 1 : state.edgeSuccess[ek]!);
            splitCompletionSuccess += share * edgeCompletionSuccess[ek]!;
          }
          down = sumMixtures(down, mixMixtures(parts));
          downCompletion = sumMixtures(downCompletion, mixMixtures(completionParts));
          downSuccess *= splitSuccess;
          downCompletionSuccess *= splitCompletionSuccess;
        }
      }

      const hit = bypassed ? 0 : d.hitRatio[slot]!;
      response[slot] = hit > 0 ? mixMixtures([[hit, sojourn], [1 - hit, sumMixtures(sojourn, down)]]) : sumMixtures(sojourn, down);
      completion[slot] = hit > 0 ? mixMixtures([[hit, sojourn], [1 - hit, sumMixtures(sojourn, downCompletion)]]) : sumMixtures(sojourn, downCompletion);
      success[slot] = probability(okFraction * (hit + (1 - hit) * downSuccess));
      completionSuccess[slot] = probability(okFraction * (hit + (1 - hit) * downCompletionSuccess));
    }
  }
}

/** Clamps rounding noise (a product of shares can land a hair above 1). */
function probability(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

/** One call over edge e for class k: network hop, timeout, and retries after failed attempts. */
function updateEdge(flow: FlowState, state: LatencyState, e: number, k: number, edgeCompletion: Mixture[], edgeCompletionSuccess: number[]): void {
  const d = flow.design;
  const K = d.classCount;
  const ek = e * K + k;
  const target = d.edgeTo[e]! * K + k;
  const latency = d.edgeLatencyMs[e]!;
  const timeout = d.edgeTimeoutMs[e]!;
  const attempt = shiftMixture(state.response[target]!, latency);
  const attemptCompletion = shiftMixture(state.completion[target]!, latency);
  const targetSuccess = state.success[target]!;
  const late = Number.isFinite(timeout) ? mixtureSurvival(attempt, timeout) : 0;
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
  edgeCompletionSuccess[ek] = probability(state.edgeSuccess[ek]! * completionRatio);

  if (retries === 0 || failure < 1e-9 || failure >= 1) {
    state.edgeResponse[ek] = attempt;
    edgeCompletion[ek] = attemptCompletion;
    return;
  }
  // Succeeding on attempt i + 1 costs i failed attempts (a timeout each, or as long as an
  // answer when the target fails without one) and the backoffs between them.
  const failedAttemptMs = Number.isFinite(timeout) ? timeout : mixtureMean(attempt);
  const parts: [number, Mixture][] = [];
  const completionParts: [number, Mixture][] = [];
  let weight = 1 - failure;
  let delay = 0;
  for (let i = 0; i <= retries; i++) {
    if (i > 0) {
      weight *= failure;
      delay += failedAttemptMs + d.edgeBackoffMs[e]! * Math.pow(2, i - 1);
    }
    parts.push([weight, shiftMixture(attempt, delay)]);
    completionParts.push([weight, shiftMixture(attemptCompletion, delay)]);
  }
  state.edgeResponse[ek] = mixMixtures(parts);
  edgeCompletion[ek] = mixMixtures(completionParts);
}

// The analytic engine: instant steady-state answers for every edit. Forward flow and backward
// latency passes alternate until retries settle; then availability, single points of failure
// and cost are read off the same compiled design.
import type { CompiledDesign } from '../model/compile.ts';
import { B_SOURCE, compileDesign } from '../model/compile.ts';
import type { DesignDocument } from '../model/schema.ts';
import { parseDesign } from '../model/validate.ts';
import { responseTimePercentile } from '../math/erlang-c.ts';
import type { MixtureArena } from '../math/latency-mixture.ts';
import { classAvailability, nodeAvailability } from './availability.ts';
import { createFlowState, propagateFlow } from './flow.ts';
import type { FlowState } from './flow.ts';
import { computeLatency, createLatencyState } from './latency.ts';
import type { LatencyState } from './latency.ts';
import { findSinglePointsOfFailure } from './single-points-of-failure.ts';
import type { AnalysisResult, AnalyzeOptions, Bottleneck, ClassAnalysis, ClassFlow, EdgeAnalysis, LatencySummary, NodeAnalysis } from './types.ts';

const DEFAULT_HORIZON_S = 60;
const MAX_RETRY_ITERATIONS = 60;
const SECONDS_PER_MONTH = 30 * 24 * 3600;

export class UnknownReferenceError extends Error {
  override readonly name = 'UnknownReferenceError';
}

/** Validates the design (throws DesignValidationError) and analyses it. */
export function analyze(design: unknown, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeDocument(parseDesign(design), options);
}

export function analyzeDocument(design: DesignDocument, options: AnalyzeOptions = {}): AnalysisResult {
  for (const id of Object.keys(options.rates ?? {})) {
    if (!design.classes.some((c) => c.id === id)) throw new UnknownReferenceError(`rates.${id}: no request class '${id}' in the design`);
  }
  return analyzeCompiled(compileDesign(design, options.rates ? { rates: options.rates } : {}), options);
}

function analyzeCompiled(d: CompiledDesign, options: AnalyzeOptions = {}): AnalysisResult {
  const horizonS = options.horizonS ?? DEFAULT_HORIZON_S;
  const multiplier = options.rateMultiplier ?? 1;
  const { serving, lost } = faultState(d, options);
  const rates = d.classRate.map((rate) => rate * multiplier);
  const flow = createFlowState(d, serving);
  const latency = createLatencyState(d);
  const warnings: string[] = [];
  const hasRetries = d.edgeRetries.some((r) => r > 0);

  for (let iteration = 0; ; iteration++) {
    propagateFlow(flow, rates, horizonS);
    computeLatency(flow, latency);
    if (!hasRetries) break;
    let delta = 0;
    for (let i = 0; i < flow.attempts.length; i++) delta = Math.max(delta, Math.abs(latency.attemptsPerCall[i]! - flow.attempts[i]!));
    if (delta < 1e-7) break;
    if (iteration >= MAX_RETRY_ITERATIONS) {
      warnings.push(`retry amplification did not settle after ${MAX_RETRY_ITERATIONS} passes (last change ${delta.toExponential(2)} attempts per call): the retry storm oscillates`);
      break;
    }
    // Damping after the first passes keeps a storm from oscillating between overload and recovery.
    const step = iteration < 10 ? 1 : 0.5;
    for (let i = 0; i < flow.attempts.length; i++) flow.attempts[i]! += step * (latency.attemptsPerCall[i]! - flow.attempts[i]!);
  }

  const boxes = nodeAvailability(d, serving, lost);
  const perClassAvailability = classAvailability(d, boxes);
  const nodes = buildNodes(flow, latency, boxes, horizonS);
  const bottlenecks: Bottleneck[] = nodes
    // Below this the headroom (1 / utilisation) is not worth reporting and may overflow.
    .filter((node) => node.utilisation > 1e-9)
    .sort((a, b) => b.utilisation - a.utilisation)
    .slice(0, 10)
    .map((node) => ({ node: node.id, utilisation: node.utilisation, headroom: 1 / node.utilisation }));
  return {
    horizonS,
    nodes,
    edges: buildEdges(flow, latency),
    classes: buildClasses(flow, latency, perClassAvailability, rates),
    bottlenecks,
    saturated: nodes.filter((node) => node.saturated).map((node) => node.id),
    maxLoadScale: bottlenecks.length > 0 ? bottlenecks[0]!.headroom : null,
    singlePointsOfFailure: options.singlePointsOfFailure === false ? [] : findSinglePointsOfFailure(d),
    cost: { monthlyUsd: nodes.reduce((sum, node) => sum + node.monthlyCostUsd, 0) },
    warnings,
  };
}

function faultState(d: CompiledDesign, options: AnalyzeOptions): { serving: Float64Array; lost: Float64Array } {
  const lost = new Float64Array(d.nodeCount);
  const indexOf = (id: string) => {
    const n = d.nodeIndex.get(id);
    if (n === undefined) throw new UnknownReferenceError(`no node '${id}' in the design`);
    return n;
  };
  for (const [id, count] of Object.entries(options.lostInstances ?? {})) lost[indexOf(id)]! += count;
  for (const id of options.down ?? []) lost[indexOf(id)] = Infinity;
  const serving = new Float64Array(d.nodeCount);
  for (let n = 0; n < d.nodeCount; n++) {
    serving[n] = d.behaviour[n] === B_SOURCE ? 1 : Math.max(0, Math.min(d.instances[n]!, d.redundancy[n]! - lost[n]!));
  }
  return { serving, lost };
}

function classFlow(flow: FlowState, slot: number): ClassFlow {
  return {
    arrivalRps: flow.arrival[slot]!,
    servedRps: flow.served[slot]!,
    droppedRps: flow.dropped[slot]!,
    rejectedRps: flow.rejected[slot]!,
    backlogRps: flow.backlog[slot]!,
    hitRps: flow.hits[slot]!,
    unroutableRps: flow.unroutable[slot]!,
  };
}

function buildNodes(flow: FlowState, latency: LatencyState, boxes: Float64Array, horizonS: number): NodeAnalysis[] {
  const d = flow.design;
  const K = d.classCount;
  const nodes: NodeAnalysis[] = [];
  for (let n = 0; n < d.nodeCount; n++) {
    const perClass: Record<string, ClassFlow> = {};
    // Totals in locals rather than a ClassFlow: this runs on every keystroke and its garbage adds up.
    let arrivalRps = 0;
    let servedRps = 0;
    let droppedRps = 0;
    let rejectedRps = 0;
    let backlogRps = 0;
    let hitRps = 0;
    let unroutableRps = 0;
    for (let k = 0; k < K; k++) {
      const f = classFlow(flow, n * K + k);
      perClass[d.classIds[k]!] = f;
      arrivalRps += f.arrivalRps;
      servedRps += f.servedRps;
      droppedRps += f.droppedRps;
      rejectedRps += f.rejectedRps;
      backlogRps += f.backlogRps;
      hitRps += f.hitRps;
      unroutableRps += f.unroutableRps;
    }
    const sojourn = nodeSojourn(flow, latency, n);
    const utilisation = flow.utilisation[n]!;
    nodes.push({
      id: d.nodeIds[n]!,
      type: d.nodeTypes[n]!,
      arrivalRps,
      servedRps,
      droppedRps,
      rejectedRps,
      backlogRps,
      hitRps,
      unroutableRps,
      perClass,
      meanMs: sojourn.meanMs,
      p50Ms: sojourn.p50Ms,
      p95Ms: sojourn.p95Ms,
      p99Ms: sojourn.p99Ms,
      servingInstances: d.behaviour[n] === B_SOURCE ? 0 : flow.serving[n]!,
      down: d.behaviour[n] !== B_SOURCE && flow.serving[n] === 0,
      servers: flow.servers[n]!,
      capacityRps: flow.capacityRps[n]!,
      utilisation,
      saturated: utilisation >= 1,
      waitProbability: flow.waitProbability[n]!,
      meanWaitMs: flow.meanWaitMs[n]!,
      meanInSystem: (servedRps / 1000) * sojourn.meanMs,
      backlogAtHorizon: backlogRps * horizonS,
      availability: boxes[n]!,
      monthlyCostUsd:
        d.redundancy[n]! * d.costPerInstanceUsdMonth[n]! + ((arrivalRps * SECONDS_PER_MONTH) / 1e6) * d.costPerMillionRequestsUsd[n]!,
    });
  }
  return nodes;
}

const PERCENTILES = [0.5, 0.95, 0.99] as const;

/** A node's own sojourn: exact M/M/c (or M/G/c approximation) percentiles while stable. */
function nodeSojourn(flow: FlowState, latency: LatencyState, n: number): LatencySummary {
  const d = flow.design;
  if (d.behaviour[n] === B_SOURCE || flow.serving[n] === 0) return { meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0 };
  if (flow.utilisation[n]! >= 1) return summarise(latency.arena, latency.sojournSlot(n));
  const service = { dist: d.serviceDist[n]!, meanMs: d.serviceMeanMs[n]!, scv: d.serviceScv[n]!, logMu: d.serviceLogMu[n]!, logSigma: d.serviceLogSigma[n]! };
  const C = flow.waitProbability[n]!;
  const rate = flow.waitRatePerMs[n]!;
  const [p50, p95, p99] = PERCENTILES.map((q) => {
    if (C === 0 && service.dist === 0) return -Math.log(1 - q) * service.meanMs;
    if (C === 0 && service.dist === 2) return service.meanMs;
    return responseTimePercentile(q, C, rate, service);
  }) as [number, number, number];
  return { meanMs: flow.meanWaitMs[n]! + service.meanMs, p50Ms: p50, p95Ms: p95, p99Ms: p99 };
}

function summarise(arena: MixtureArena, slot: number): LatencySummary {
  return {
    meanMs: arena.mean(slot),
    p50Ms: arena.percentile(slot, 0.5),
    p95Ms: arena.percentile(slot, 0.95),
    p99Ms: arena.percentile(slot, 0.99),
  };
}

function buildEdges(flow: FlowState, latency: LatencyState): EdgeAnalysis[] {
  const d = flow.design;
  const K = d.classCount;
  const edges: EdgeAnalysis[] = [];
  for (let e = 0; e < d.edgeCount; e++) {
    const perClassRps: Record<string, number> = {};
    let rps = 0;
    let attemptsPerCall = 1;
    let timeoutProbability = 0;
    for (let k = 0; k < K; k++) {
      const ek = e * K + k;
      const f = flow.edgeFlow[ek]!;
      perClassRps[d.classIds[k]!] = f;
      rps += f;
      if (f > 0) {
        attemptsPerCall = Math.max(attemptsPerCall, flow.attempts[ek]!);
        timeoutProbability = Math.max(timeoutProbability, latency.timeoutProbability[ek]!);
      }
    }
    edges.push({ id: d.edgeIds[e]!, from: d.nodeIds[d.edgeFrom[e]!]!, to: d.nodeIds[d.edgeTo[e]!]!, rps, perClassRps, attemptsPerCall, timeoutProbability });
  }
  return edges;
}

function buildClasses(flow: FlowState, latency: LatencyState, availability: Float64Array, rates: Float64Array): ClassAnalysis[] {
  const d = flow.design;
  const K = d.classCount;
  const classes: ClassAnalysis[] = [];
  for (let k = 0; k < K; k++) {
    const slot = d.classSource[k]! * K + k;
    let rejectedRps = 0;
    for (let n = 0; n < d.nodeCount; n++) rejectedRps += flow.rejected[n * K + k]!;
    const successRate = rates[k]! > 0 ? latency.success[slot]! : 1;
    classes.push({
      id: d.classIds[k]!,
      offeredRps: rates[k]!,
      successRate,
      errorRate: 1 - successRate,
      rejectedRps,
      latency: summarise(latency.arena, latency.responseSlot(slot)),
      completion: { ...summarise(latency.arena, latency.completionSlot(slot)), successRate: rates[k]! > 0 ? latency.completionSuccess[slot]! : 1 },
      availability: availability[slot]!,
      criticalPath: criticalPath(flow, latency, k),
    });
  }
  return classes;
}

/** From the source, follow the call that contributes most to the mean latency. */
function criticalPath(flow: FlowState, latency: LatencyState, k: number): string[] {
  const d = flow.design;
  const K = d.classCount;
  let n = d.classSource[k]!;
  const path = [d.nodeIds[n]!];
  for (let step = 0; step < d.nodeCount; step++) {
    const slot = n * K + k;
    let best = -1;
    let bestContribution = -1;
    const consider = (e: number, weight: number) => {
      if (d.edgeAsync[e] === 1 || flow.edgeFlow[e * K + k]! <= 0) return;
      const contribution = weight * latency.arena.mean(latency.edgeSlot(e * K + k));
      if (contribution > bestContribution) {
        bestContribution = contribution;
        best = e;
      }
    };
    for (let i = d.fixedStart[slot]!; i < d.fixedStart[slot + 1]!; i++) consider(d.fixedEdges[i]!, d.edgeCalls[d.fixedEdges[i]!]!);
    for (let i = d.splitStart[slot]!; i < d.splitStart[slot + 1]!; i++) consider(d.splitEdges[i]!, d.splitShares[i]!);
    if (best < 0) break;
    n = d.edgeTo[best]!;
    path.push(d.nodeIds[n]!);
  }
  return path;
}

// Turns the engine's counters into the JSON result: summaries over [warm-up, end of drain] and
// per-bucket series over the traffic period. Percentiles are null where nothing was measured.
import type { ComponentType } from '../model/catalogue.ts';
import type { DesEngine } from './engine.ts';
import { FAILURE_REASONS } from './engine.ts';
import type { FailureReason } from './engine.ts';
import { histogramPercentile } from './histogram.ts';

export interface SimLatency {
  meanMs: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

export interface NodeSimSummary extends SimLatency {
  id: string;
  type: ComponentType;
  arrivals: number;
  completed: number;
  dropped: number;
  rejected: number;
  downFailures: number;
  arrivalRps: number;
  throughputRps: number;
  /** Time-average of requests waiting or in service. */
  meanInSystem: number;
  meanQueueLength: number;
  maxQueueLength: number;
  /** Busy servers over available servers, time-averaged. */
  utilisation: number;
}

export interface ClassSimSummary {
  id: string;
  /** Requests that entered after the warm-up. */
  offered: number;
  ok: number;
  failed: number;
  /** Still unanswered when the drain ended. */
  inFlight: number;
  /** (failed + inFlight) / offered. */
  errorRate: number;
  failures: Record<FailureReason, number>;
  retries: number;
  /** Writes applied twice: a timed-out attempt that still succeeded with no idempotent handler on its path. */
  duplicates: number;
  latency: SimLatency;
  completion: SimLatency & { completed: number; asyncFailed: number };
}

export interface SimulationSeries {
  bucketS: number;
  /** Start of each bucket, s. */
  startS: number[];
  nodes: { id: string; arrivalRps: number[]; throughputRps: number[]; errorRps: number[]; queueLength: number[]; utilisation: number[]; p50Ms: (number | null)[]; p99Ms: (number | null)[] }[];
  classes: { id: string; offeredRps: number[]; okRps: number[]; errorRps: number[]; p50Ms: (number | null)[]; p99Ms: (number | null)[] }[];
}

export interface SimulationResult {
  seed: number;
  durationS: number;
  warmupS: number;
  /** Virtual time reached (traffic plus drain). */
  simulatedS: number;
  events: number;
  /** The event limit stopped the run early. */
  truncated: boolean;
  nodes: NodeSimSummary[];
  classes: ClassSimSummary[];
  series: SimulationSeries;
}

export function buildResult(engine: DesEngine): SimulationResult {
  const d = engine.d;
  const setup = engine.setup;
  const windowMs = Math.max(1e-9, engine.windowEndMs - setup.warmupMs);
  const windowS = windowMs / 1000;
  const nodes: NodeSimSummary[] = d.nodeIds.map((id, n) => {
    const completed = engine.nCompleted[n]!;
    return {
      id,
      type: d.nodeTypes[n]!,
      arrivals: engine.nArrivals[n]!,
      completed,
      dropped: engine.nDropped[n]!,
      rejected: engine.nRejected[n]!,
      downFailures: engine.nDownFailed[n]!,
      arrivalRps: engine.nArrivals[n]! / windowS,
      throughputRps: completed / windowS,
      meanMs: completed > 0 ? engine.nSojournSum[n]! / completed : null,
      ...percentiles(engine.nHist, n, completed),
      meanInSystem: engine.nInSystemArea[n]! / windowMs,
      meanQueueLength: engine.nQueueArea[n]! / windowMs,
      maxQueueLength: engine.nMaxQueue[n]!,
      utilisation: engine.nServerArea[n]! > 0 ? engine.nBusyArea[n]! / engine.nServerArea[n]! : 0,
    };
  });
  const reasons = FAILURE_REASONS.length;
  const classes: ClassSimSummary[] = d.classIds.map((id, k) => {
    const offered = engine.cOffered[k]!;
    const ok = engine.cOk[k]!;
    const failures = Object.fromEntries(FAILURE_REASONS.map((reason, r) => [reason, engine.cFailures[k * reasons + r]!])) as Record<FailureReason, number>;
    const failed = FAILURE_REASONS.reduce((sum, reason) => sum + failures[reason], 0);
    const inFlight = engine.cInFlight[k]!;
    const completed = engine.cCompleted[k]!;
    return {
      id,
      offered,
      ok,
      failed,
      inFlight,
      errorRate: offered > 0 ? (failed + inFlight) / offered : 0,
      failures,
      retries: engine.cRetries[k]!,
      duplicates: engine.cDuplicates[k]!,
      latency: { meanMs: ok > 0 ? engine.cLatencySum[k]! / ok : null, ...percentiles(engine.cHist, k, ok) },
      completion: {
        completed,
        asyncFailed: engine.cAsyncFailed[k]!,
        meanMs: completed > 0 ? engine.cCompletionSum[k]! / completed : null,
        ...percentiles(engine.cCompletionHist, k, completed),
      },
    };
  });
  const s = engine.series;
  const bucketS = setup.bucketMs / 1000;
  return {
    seed: setup.seed,
    durationS: setup.durationMs / 1000,
    warmupS: setup.warmupMs / 1000,
    simulatedS: engine.now / 1000,
    events: engine.events,
    truncated: engine.truncated,
    nodes,
    classes,
    series: {
      bucketS,
      startS: Array.from({ length: engine.bucketsClosed }, (_, i) => i * bucketS),
      nodes: d.nodeIds.map((id, n) => ({
        id,
        arrivalRps: s.nodeArrivals[n]!.slice(),
        throughputRps: s.nodeCompleted[n]!.slice(),
        errorRps: s.nodeErrors[n]!.slice(),
        queueLength: s.nodeQueue[n]!.slice(),
        utilisation: s.nodeUtilisation[n]!.slice(),
        p50Ms: s.nodeP50[n]!.slice(),
        p99Ms: s.nodeP99[n]!.slice(),
      })),
      classes: d.classIds.map((id, k) => ({
        id,
        offeredRps: s.classOffered[k]!.slice(),
        okRps: s.classOk[k]!.slice(),
        errorRps: s.classErrors[k]!.slice(),
        p50Ms: s.classP50[k]!.slice(),
        p99Ms: s.classP99[k]!.slice(),
      })),
    },
  };
}

function percentiles(hist: Uint32Array, row: number, count: number): Omit<SimLatency, 'meanMs'> {
  return {
    p50Ms: histogramPercentile(hist, row, count, 0.5),
    p95Ms: histogramPercentile(hist, row, count, 0.95),
    p99Ms: histogramPercentile(hist, row, count, 0.99),
  };
}

// Per-node and per-edge numbers the canvas paints, read from either engine: the analytic steady
// state while editing, or one bucket of a simulation while scrubbing its timeline.
import type { AnalysisResult, SimulationResult } from '@archlab/sim';

/** How a box looks: from idle (no traffic) through the utilisation bands to saturated or down. */
export type NodeHealth = 'idle' | 'ok' | 'busy' | 'hot' | 'saturated' | 'down';

export interface NodeMetrics {
  /** Requests arriving, per second. */
  rps: number;
  /** Offered load over capacity (ρ). */
  utilisation: number;
  /** The node's own p99 sojourn (queueing + service), ms. */
  p99Ms: number | null;
  /** Requests lost here per second (dropped, rejected, failed while down, unroutable). */
  errorRps: number;
  health: NodeHealth;
}

export interface EdgeMetrics {
  rps: number;
}

/** Utilisation from which a box counts as busy, then hot. */
export const BUSY_UTILISATION = 0.6;
export const HOT_UTILISATION = 0.85;

export function healthOf(utilisation: number, rps: number, down: boolean): NodeHealth {
  if (down) return 'down';
  if (utilisation >= 1) return 'saturated';
  if (rps <= 0) return 'idle';
  if (utilisation >= HOT_UTILISATION) return 'hot';
  if (utilisation >= BUSY_UTILISATION) return 'busy';
  return 'ok';
}

export function nodeMetricsFromAnalysis(result: AnalysisResult): Map<string, NodeMetrics> {
  const metrics = new Map<string, NodeMetrics>();
  for (const node of result.nodes) {
    const errorRps = node.droppedRps + node.rejectedRps + node.unroutableRps;
    metrics.set(node.id, {
      rps: node.arrivalRps,
      utilisation: node.utilisation,
      p99Ms: node.arrivalRps > 0 ? node.p99Ms : null,
      errorRps,
      health: healthOf(node.utilisation, node.arrivalRps, node.down),
    });
  }
  return metrics;
}

export function edgeMetricsFromAnalysis(result: AnalysisResult): Map<string, EdgeMetrics> {
  return new Map(result.edges.map((edge) => [edge.id, { rps: edge.rps }]));
}

/** The state of every node during one bucket of a simulation run. */
export function nodeMetricsFromBucket(result: SimulationResult, bucket: number, down: ReadonlySet<string>): Map<string, NodeMetrics> {
  const metrics = new Map<string, NodeMetrics>();
  for (const series of result.series.nodes) {
    const rps = series.arrivalRps[bucket] ?? 0;
    const utilisation = series.utilisation[bucket] ?? 0;
    metrics.set(series.id, {
      rps,
      utilisation,
      p99Ms: series.p99Ms[bucket] ?? null,
      errorRps: series.errorRps[bucket] ?? 0,
      health: healthOf(utilisation, rps, down.has(series.id)),
    });
  }
  return metrics;
}

/**
 * Keeps the previous object for every entry whose numbers did not change, so an edit that moves one
 * box's load re-renders that box only (the canvas compares metrics by identity).
 */
export function shareUnchanged<T extends object>(previous: ReadonlyMap<string, T> | null, next: Map<string, T>): Map<string, T> {
  if (!previous) return next;
  for (const [id, value] of next) {
    const old = previous.get(id);
    if (old && shallowEqual(old, value)) next.set(id, old);
  }
  return next;
}

function shallowEqual(a: object, b: object): boolean {
  const ka = Object.keys(a) as (keyof typeof a)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((key) => Object.is(a[key], b[key]));
}

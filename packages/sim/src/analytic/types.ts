// What the analytic engine returns: plain JSON data (no Infinity, no NaN) the canvas can post
// from a Web Worker and a grader can quote as evidence. Rates are requests/s, times ms.
import type { ComponentType } from '../model/catalogue.ts';

export interface AnalyzeOptions {
  /** Replace class rates (requests/s) by class id. Default: the document's rates. */
  rates?: Readonly<Record<string, number>>;
  /** Multiply every class rate (after `rates`), e.g. the peak of a traffic profile. Default 1. */
  rateMultiplier?: number;
  /**
   * How long an overloaded, unbounded queue has been filling, in s: its backlog and waits are
   * reported as of this horizon (steady state does not exist). Default 60.
   */
  horizonS?: number;
  /** Nodes taken down entirely, by id. Default none. */
  down?: readonly string[];
  /** Instances lost per node id (a SQL primary fails over to a standby first). Default none. */
  lostInstances?: Readonly<Record<string, number>>;
  /** Compute single points of failure (cost grows with nodes x edges). Default true. */
  singlePointsOfFailure?: boolean;
}

export interface ClassFlow {
  /** Attempts arriving, retries included. */
  arrivalRps: number;
  /** Completed here (answered or forwarded). */
  servedRps: number;
  /** Lost to a full queue, an overload or a dead node. */
  droppedRps: number;
  /** Refused by a rate limiter. */
  rejectedRps: number;
  /** Piling up in an overloaded unbounded queue. */
  backlogRps: number;
  /** Answered here without going downstream (cache hits). */
  hitRps: number;
  /** Served but with no healthy target to forward to. */
  unroutableRps: number;
}

export interface LatencySummary {
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface NodeAnalysis extends ClassFlow, LatencySummary {
  id: string;
  type: ComponentType;
  perClass: Record<string, ClassFlow>;
  /** Instances serving after faults. */
  servingInstances: number;
  down: boolean;
  /** Parallel servers c = serving instances x concurrency. */
  servers: number;
  capacityRps: number;
  /** Offered load over capacity (ρ); 1 or more means saturated. */
  utilisation: number;
  saturated: boolean;
  /** Erlang C: probability that a request waits. */
  waitProbability: number;
  meanWaitMs: number;
  /** Requests in the node on average (Little's law on what it serves). */
  meanInSystem: number;
  /** Requests waiting at the horizon when an unbounded queue is overloaded. */
  backlogAtHorizon: number;
  /** Probability that the node can serve (instances in parallel, or the provider's SLA). */
  availability: number;
  monthlyCostUsd: number;
}

export interface EdgeAnalysis {
  id: string;
  from: string;
  to: string;
  /** Attempts per second over the edge, retries included. */
  rps: number;
  perClassRps: Record<string, number>;
  /** Attempts per call, worst class: 1 without failures, up to 1 + retries in a retry storm. */
  attemptsPerCall: number;
  /** Probability that one attempt times out, worst class. */
  timeoutProbability: number;
}

export interface ClassAnalysis {
  id: string;
  offeredRps: number;
  /** Fraction answered successfully (the synchronous response). */
  successRate: number;
  errorRate: number;
  /** Refused by rate limiters. */
  rejectedRps: number;
  /** What the caller waits for, successful requests only. */
  latency: LatencySummary;
  /** Until all asynchronous work it caused is done (hand-offs counted one after another: an upper bound). */
  completion: LatencySummary & { successRate: number };
  /** Long-run probability that every component this class needs is up. */
  availability: number;
  /** The path that contributes most to the mean latency. */
  criticalPath: string[];
}

export interface Bottleneck {
  node: string;
  utilisation: number;
  /** Traffic multiplier at which this node saturates. */
  headroom: number;
}

export interface SinglePointOfFailure {
  node: string;
  type: ComponentType;
  /** Fraction of each affected class (sync and async work) that fails while this node is down. */
  classes: { id: string; failedFraction: number; paths: string[][] }[];
}

export interface AnalysisResult {
  horizonS: number;
  nodes: NodeAnalysis[];
  edges: EdgeAnalysis[];
  classes: ClassAnalysis[];
  /** Loaded nodes by utilisation, highest first (at most 10). */
  bottlenecks: Bottleneck[];
  saturated: string[];
  /** Traffic multiplier at which the first node saturates; null when nothing is loaded. */
  maxLoadScale: number | null;
  singlePointsOfFailure: SinglePointOfFailure[];
  cost: { monthlyUsd: number };
  warnings: string[];
}

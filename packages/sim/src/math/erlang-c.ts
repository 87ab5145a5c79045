// M/M/c: Erlang C, waiting time and the response-time distribution. For service times that are
// not exponential the mean wait is scaled by (1 + scv) / 2 (Allen-Cunneen), and the wait keeps
// the M/M/c shape: an atom at zero plus an exponential tail.
import { logGamma, normalQuantile, normalSurvival, invertSurvival } from './special-functions.ts';

/** Above this many servers a lightly loaded queue uses the Poisson tail instead of the O(c) recursion. */
const RECURSION_LIMIT = 2000;

/** Erlang B: probability that an arrival finds all c servers busy in M/M/c/c, offered load a = λ/μ erlangs. */
export function erlangB(servers: number, offeredLoad: number): number {
  if (offeredLoad <= 0) return 0;
  if (servers > RECURSION_LIMIT && servers > offeredLoad + 12 * Math.sqrt(offeredLoad) + 20) {
    // B is the Poisson(a) pmf at c over its CDF, and that CDF is 1 to double precision here.
    return Math.exp(servers * Math.log(offeredLoad) - offeredLoad - logGamma(servers + 1));
  }
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/**
 * Erlang C: probability that an arrival waits in M/M/c, offered load a = λ/μ < c erlangs.
 * Returns 1 when a >= c (every arrival waits: the queue is unstable).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad <= 0) return 0;
  if (offeredLoad >= servers) return 1;
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/** Service-time shape for response-time percentiles. */
export interface ServiceShape {
  /** 0 exponential, 1 lognormal, 2 deterministic (as in the compiled design). */
  dist: number;
  meanMs: number;
  scv: number;
  logMu: number;
  logSigma: number;
}

export interface StableQueue {
  servers: number;
  /** ρ = λ E[S] / c, below 1. */
  utilisation: number;
  /** Probability that an arrival waits (Erlang C). */
  waitProbability: number;
  meanWaitMs: number;
  meanResponseMs: number;
  /** Rate (1/ms) of the exponential wait of those who wait: waitProbability / meanWaitMs. */
  waitRatePerMs: number;
}

/** M/M/c (or M/G/c by Allen-Cunneen) with arrival rate in requests/ms; requires utilisation < 1. */
export function stableQueue(servers: number, arrivalPerMs: number, service: ServiceShape): StableQueue {
  const offeredLoad = arrivalPerMs * service.meanMs;
  const utilisation = offeredLoad / servers;
  // Below this the wait is not representable anyway (and would underflow to a zero mean wait).
  const erlang = erlangC(servers, offeredLoad);
  const waitProbability = erlang < 1e-12 ? 0 : erlang;
  const mmcWait = waitProbability > 0 ? (waitProbability * service.meanMs) / (servers * (1 - utilisation)) : 0;
  const meanWaitMs = (mmcWait * (1 + service.scv)) / 2;
  return {
    servers,
    utilisation,
    waitProbability,
    meanWaitMs,
    meanResponseMs: meanWaitMs + service.meanMs,
    waitRatePerMs: meanWaitMs > 0 ? waitProbability / meanWaitMs : 0,
  };
}

const LOGNORMAL_NODES = 24;

/** P(T > t) for T = W + S, W = 0 with probability 1 - C else Exp(η), S independent. */
export function responseTimeSurvival(t: number, waitProbability: number, waitRatePerMs: number, service: ServiceShape): number {
  if (t <= 0) return 1;
  const C = waitProbability;
  const eta = waitRatePerMs;
  switch (service.dist) {
    case 0: {
      const mu = 1 / service.meanMs;
      const noWait = Math.exp(-mu * t);
      if (C <= 0) return noWait;
      return (1 - C) * noWait + C * hypoexponentialSurvival(eta, mu, t);
    }
    case 2: {
      const d = service.meanMs;
      if (t < d) return 1;
      return C * Math.exp(-eta * (t - d));
    }
    default: {
      const sSurvival = normalSurvival((Math.log(t) - service.logMu) / service.logSigma);
      if (C <= 0) return sSurvival;
      // E[min(1, exp(-η (t - S)))] by the midpoint rule over the quantiles of S.
      let sum = 0;
      for (let i = 0; i < LOGNORMAL_NODES; i++) {
        const s = Math.exp(service.logMu + service.logSigma * lognormalNode(i));
        sum += s >= t ? 1 : Math.exp(-eta * (t - s));
      }
      return (1 - C) * sSurvival + (C * sum) / LOGNORMAL_NODES;
    }
  }
}

const lognormalNodes = Float64Array.from({ length: LOGNORMAL_NODES }, (_, i) => normalQuantile((i + 0.5) / LOGNORMAL_NODES));
function lognormalNode(i: number): number {
  return lognormalNodes[i]!;
}

/** P(Exp(a) + Exp(b) > t). */
function hypoexponentialSurvival(a: number, b: number, t: number): number {
  if (Math.abs(a - b) <= 1e-9 * Math.max(a, b)) return (1 + a * t) * Math.exp(-a * t);
  return (a * Math.exp(-b * t) - b * Math.exp(-a * t)) / (a - b);
}

/** The q-quantile (0 < q < 1) of the response time, in ms, solved numerically on its exact survival function. */
export function responseTimePercentile(q: number, waitProbability: number, waitRatePerMs: number, service: ServiceShape): number {
  const scale = service.meanMs + (waitRatePerMs > 0 ? 1 / waitRatePerMs : 0);
  return invertSurvival((t) => responseTimeSurvival(t, waitProbability, waitRatePerMs, service), q, 0, 4 * scale);
}

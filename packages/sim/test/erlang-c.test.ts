import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, responseTimePercentile, stableQueue } from '../src/index.ts';

/** Erlang C straight from the textbook formula (Kleinrock vol. 1, eq. 3.40), summed term by term. */
function textbookErlangC(c: number, a: number): number {
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const top = (term * a) / c / (1 - a / c);
  return top / (sum + top);
}

const exponential = (meanMs: number) => ({ dist: 0, meanMs, scv: 1, logMu: 0, logSigma: 0 });

describe('Erlang C', () => {
  it('matches the textbook formula for c = 1..10 and rho = 0.50..0.95 to 1e-6', () => {
    let compared = 0;
    for (let c = 1; c <= 10; c++) {
      for (let step = 0; step <= 9; step++) {
        const rho = 0.5 + step * 0.05;
        expect(Math.abs(erlangC(c, rho * c) - textbookErlangC(c, rho * c))).toBeLessThan(1e-6);
        compared++;
      }
    }
    expect(compared).toBe(100);
  });

  it('reproduces closed forms and published table values', () => {
    // M/M/1: the probability of waiting is rho.
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    // M/M/2: C = 2 rho^2 / (1 + rho).
    expect(erlangC(2, 1.6)).toBeCloseTo((2 * 0.8 ** 2) / 1.8, 12);
    // Erlang B table: 10 servers at 5 erlangs block 1.84 % of calls.
    expect(erlangB(10, 5)).toBeCloseTo(0.018385, 5);
  });

  it('is 1 at or beyond saturation and 0 without load', () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 9)).toBe(1);
    expect(erlangC(4, 0)).toBe(0);
  });

  it('uses the Poisson tail for many lightly loaded servers without losing accuracy', () => {
    const recursion = (c: number, a: number) => {
      let b = 1;
      for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
      return b;
    };
    for (const [c, a] of [[3000, 2600], [5000, 4500], [100_000, 95_000]] as const) {
      const expected = recursion(c, a);
      expect(Math.abs(erlangB(c, a) - expected) / expected).toBeLessThan(1e-6);
    }
  });
});

describe('M/M/c response times', () => {
  it('gives M/M/1 mean and percentiles of an exponential with rate mu - lambda', () => {
    const meanServiceMs = 10;
    const lambdaPerMs = 0.08;
    const q = stableQueue(1, lambdaPerMs, exponential(meanServiceMs));
    const rate = 1 / meanServiceMs - lambdaPerMs;
    expect(q.meanResponseMs).toBeCloseTo(1 / rate, 9);
    for (const p of [0.5, 0.9, 0.99, 0.999]) {
      expect(responseTimePercentile(p, q.waitProbability, q.waitRatePerMs, exponential(meanServiceMs))).toBeCloseTo(-Math.log(1 - p) / rate, 6);
    }
  });

  it('gives the M/M/c mean wait C / (c mu - lambda)', () => {
    const q = stableQueue(8, 0.7, exponential(10));
    expect(q.utilisation).toBeCloseTo(0.875, 12);
    expect(q.meanWaitMs).toBeCloseTo(q.waitProbability / (8 / 10 - 0.7), 9);
  });

  it('halves the wait for deterministic service (Allen-Cunneen)', () => {
    const exp = stableQueue(4, 0.3, exponential(10));
    const det = stableQueue(4, 0.3, { dist: 2, meanMs: 10, scv: 0, logMu: 0, logSigma: 0 });
    expect(det.meanWaitMs).toBeCloseTo(exp.meanWaitMs / 2, 12);
    // A request that does not wait takes exactly 10 ms; the p99 must lie beyond it.
    expect(responseTimePercentile(0.99, det.waitProbability, det.waitRatePerMs, { dist: 2, meanMs: 10, scv: 0, logMu: 0, logSigma: 0 })).toBeGreaterThan(10);
  });

  it('gives an unloaded lognormal server its own percentiles', () => {
    const sigma = Math.sqrt(Math.log(1 + 1.5 ** 2));
    const mu = Math.log(100) - (sigma * sigma) / 2;
    const service = { dist: 1, meanMs: 100, scv: 2.25, logMu: mu, logSigma: sigma };
    expect(responseTimePercentile(0.5, 0, 0, service)).toBeCloseTo(Math.exp(mu), 3);
    expect(responseTimePercentile(0.99, 0, 0, service)).toBeCloseTo(Math.exp(mu + 2.326347874 * sigma), 1);
  });
});

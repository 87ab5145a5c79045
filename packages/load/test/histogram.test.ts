import { describe, expect, it } from 'vitest';
import { LatencyHistogram, LoadOptionsError } from '../src/index.ts';

/** Nearest-rank percentile over a sorted copy: the reference the histogram must match. */
function exactPercentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('LatencyHistogram', () => {
  it('is never below, and at most 0.1% + 1 µs above, the exact nearest-rank percentile', () => {
    const random = seededRandom(42);
    // Long-tailed, like real latencies: mostly sub-millisecond, some seconds.
    const values = Array.from({ length: 20_000 }, () => Math.round(-Math.log(1 - random()) * 3 * 1000) / 1000 + 0.05);
    values.push(2_500.5);
    const histogram = new LatencyHistogram();
    for (const value of values) histogram.record(value);
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [0, 1, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 100]) {
      const exact = exactPercentile(sorted, p);
      const reported = histogram.percentile(p);
      expect(reported, `p${p}`).toBeGreaterThanOrEqual(exact);
      expect(reported, `p${p}`).toBeLessThanOrEqual(exact * 1.001 + 0.001);
    }
  });

  it('has an exact count, mean and max', () => {
    const histogram = new LatencyHistogram();
    for (const value of [1, 2, 3, 4, 10.123]) histogram.record(value);
    const summary = histogram.summary();
    expect(summary.count).toBe(5);
    expect(summary.mean).toBeCloseTo(20.123 / 5, 10);
    expect(summary.max).toBe(10.123);
    expect(summary.p99).toBe(10.123);
    expect(summary.p50).toBeCloseTo(3, 2);
  });

  it('summarises an empty histogram as zeros', () => {
    expect(new LatencyHistogram().summary()).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('rejects negative latencies and percentiles outside [0, 100]', () => {
    const histogram = new LatencyHistogram();
    expect(() => histogram.record(-1)).toThrow(LoadOptionsError);
    expect(() => histogram.record(Number.POSITIVE_INFINITY)).toThrow(LoadOptionsError);
    expect(() => histogram.percentile(101)).toThrow(LoadOptionsError);
  });
});

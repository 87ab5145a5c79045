import { describe, expect, it } from 'vitest';
import { countInWindow, LoadOptionsError, maxInSlidingWindow } from '../src/index.ts';

describe('maxInSlidingWindow', () => {
  it('counts an event exactly windowMs after the first one (closed interval)', () => {
    expect(maxInSlidingWindow([0, 50, 100], 100)).toEqual({ count: 3, start: 0, end: 100 });
    expect(maxInSlidingWindow([0, 50, 100.001], 100)).toEqual({ count: 2, start: 0, end: 100 });
  });

  it('finds the busiest interval anywhere, not only from the first event', () => {
    const times = [0, 500, 510, 520, 530, 600, 1000];
    expect(maxInSlidingWindow(times, 30)).toEqual({ count: 4, start: 500, end: 530 });
    expect(maxInSlidingWindow(times, 100)).toEqual({ count: 5, start: 500, end: 600 });
  });

  it('does not need sorted input and does not modify it', () => {
    const times = [30, 10, 20, 0, 1000];
    expect(maxInSlidingWindow(times, 25)).toEqual({ count: 3, start: 0, end: 25 });
    expect(times).toEqual([30, 10, 20, 0, 1000]);
  });

  it('counts identical times together, even with a zero-width window', () => {
    expect(maxInSlidingWindow([5, 5, 5, 6], 0)).toEqual({ count: 3, start: 5, end: 5 });
  });

  it('is exact at epoch-ms magnitudes with fractional times', () => {
    const base = 1_795_000_000_000.125;
    const times = [base, base + 119.999, base + 120, base + 120.001];
    expect(maxInSlidingWindow(times, 120).count).toBe(3);
    expect(maxInSlidingWindow(times, 120).start).toBe(base);
  });

  it('reports zero for no events', () => {
    expect(maxInSlidingWindow([], 100)).toEqual({ count: 0, start: 0, end: 0 });
  });

  it('matches a brute-force count over every event-started window', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 50; round++) {
      const times = Array.from({ length: 60 }, () => Math.floor(random() * 1000));
      const windowMs = Math.floor(random() * 200);
      const bruteForce = Math.max(...times.map((start) => countInWindow(times, start, start + windowMs)));
      expect(maxInSlidingWindow(times, windowMs).count).toBe(bruteForce);
    }
  });

  it('rejects a negative or non-finite window and non-finite times', () => {
    expect(() => maxInSlidingWindow([1], -1)).toThrow(LoadOptionsError);
    expect(() => maxInSlidingWindow([1], Number.NaN)).toThrow(LoadOptionsError);
    expect(() => maxInSlidingWindow([1, Number.NaN], 10)).toThrow(/times\[1\]/);
  });
});

describe('countInWindow', () => {
  it('includes both edges', () => {
    const times = [9.999, 10, 15, 20, 20.001];
    expect(countInWindow(times, 10, 20)).toBe(3);
    expect(countInWindow(times, 15, 15)).toBe(1);
  });

  it('rejects an interval that ends before it starts', () => {
    expect(() => countInWindow([1], 5, 4)).toThrow(LoadOptionsError);
  });
});

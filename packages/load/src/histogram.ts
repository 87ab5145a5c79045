import { build } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import { LoadOptionsError } from './errors.ts';
import type { LatencySummary } from './types.ts';

const MICROS_PER_MS = 1000;

/**
 * Latency distribution in milliseconds, at 1 µs resolution and 3 significant digits (HdrHistogram).
 * Count, mean, min and max are exact. A percentile is the nearest-rank value rounded UP to its bucket
 * edge (at most 0.1% + 1 µs above the exact value, never below it), then capped at the exact max.
 */
export class LatencyHistogram {
  readonly #buckets: Histogram = build({
    numberOfSignificantValueDigits: 3,
    autoResize: true,
    useWebAssembly: false,
    bitBucketSize: 'packed',
  });
  #count = 0;
  #sum = 0;
  #max = 0;

  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new LoadOptionsError('latency', `must be a finite number >= 0, got ${ms}`);
    }
    // Rounded up so a reported percentile is never below the exact one.
    this.#buckets.recordValue(Math.ceil(ms * MICROS_PER_MS));
    this.#count += 1;
    this.#sum += ms;
    if (ms > this.#max) this.#max = ms;
  }

  /** `p` in [0, 100]; 0 when nothing was recorded. */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) {
      throw new LoadOptionsError('percentile', `must be within [0, 100], got ${p}`);
    }
    if (this.#count === 0) return 0;
    const bucketEdge = this.#buckets.getValueAtPercentile(p) / MICROS_PER_MS;
    return Math.min(bucketEdge, this.#max);
  }

  summary(): LatencySummary {
    return {
      count: this.#count,
      mean: this.#count === 0 ? 0 : this.#sum / this.#count,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.#max,
    };
  }
}

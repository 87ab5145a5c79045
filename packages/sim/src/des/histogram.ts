// Log-spaced latency histograms in flat Uint32Arrays (one row per node or class): 2 % wide bins
// from 1 µs to about 3 hours, so a percentile is within ~1 % of the exact value.

const MIN_MS = 0.001;
const RATIO = 1.02;
const INV_LOG_RATIO = 1 / Math.log(RATIO);
export const HISTOGRAM_BINS = 1 + Math.ceil(Math.log(1e7 / MIN_MS) * INV_LOG_RATIO);

export function binOf(ms: number): number {
  if (ms <= MIN_MS) return 0;
  const bin = 1 + Math.floor(Math.log(ms / MIN_MS) * INV_LOG_RATIO);
  return bin < HISTOGRAM_BINS ? bin : HISTOGRAM_BINS - 1;
}

/** Geometric middle of a bin, in ms. */
function binValue(bin: number): number {
  return bin === 0 ? MIN_MS : MIN_MS * Math.pow(RATIO, bin - 0.5);
}

/** The q-quantile of row `row`, or null when the row is empty. */
export function histogramPercentile(counts: Uint32Array, row: number, total: number, q: number): number | null {
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  const base = row * HISTOGRAM_BINS;
  let seen = 0;
  for (let i = 0; i < HISTOGRAM_BINS; i++) {
    seen += counts[base + i]!;
    if (seen >= rank) return binValue(i);
  }
  return binValue(HISTOGRAM_BINS - 1);
}

/**
 * One histogram row per node or class for the current time bucket. Rows remember the range of
 * bins they touched, so closing a bucket costs what was recorded, not rows x bins.
 */
export class BucketHistograms {
  private readonly counts: Uint32Array;
  readonly totals: Float64Array;
  private readonly low: Int32Array;
  private readonly high: Int32Array;

  constructor(rows: number) {
    this.counts = new Uint32Array(rows * HISTOGRAM_BINS);
    this.totals = new Float64Array(rows);
    this.low = new Int32Array(rows).fill(HISTOGRAM_BINS);
    this.high = new Int32Array(rows).fill(-1);
  }

  record(row: number, bin: number): void {
    this.counts[row * HISTOGRAM_BINS + bin]!++;
    this.totals[row]!++;
    if (bin < this.low[row]!) this.low[row] = bin;
    if (bin > this.high[row]!) this.high[row] = bin;
  }

  /** The row's q-quantile in ms, or null when it is empty. */
  percentile(row: number, q: number): number | null {
    const total = this.totals[row]!;
    if (total <= 0) return null;
    const rank = Math.max(1, Math.ceil(q * total));
    const base = row * HISTOGRAM_BINS;
    let seen = 0;
    for (let i = this.low[row]!; i <= this.high[row]!; i++) {
      seen += this.counts[base + i]!;
      if (seen >= rank) return binValue(i);
    }
    return binValue(this.high[row]!);
  }

  reset(row: number): void {
    if (this.totals[row] === 0) return;
    const base = row * HISTOGRAM_BINS;
    this.counts.fill(0, base + this.low[row]!, base + this.high[row]! + 1);
    this.totals[row] = 0;
    this.low[row] = HISTOGRAM_BINS;
    this.high[row] = -1;
  }
}

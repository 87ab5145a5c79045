// End-to-end latency as a small mixture of components, each known only by weight, mean and variance.
// Sums of independent stages add means and variances (exact); alternatives (cache hit or miss, one
// split target or another, attempt 1 or a retry) become separate components, so a 90 % hit ratio
// keeps its two modes instead of being averaged into one. When a mixture outgrows MAX_COMPONENTS
// the two closest neighbours merge, preserving weight, mean and variance. Percentiles then read each
// component as a gamma distribution with its mean and variance (two-moment fit): exact for one
// exponential stage, close for sums of them, an approximation otherwise.
//
// Everything lives in one preallocated arena (stored mixtures by slot, plus a few working
// registers), because the analytic engine runs on every keystroke over thousands of slots.
import { normalSurvival, invertSurvival, regularizedGammaP } from './special-functions.ts';

export const MAX_COMPONENTS = 4;
const STRIDE = MAX_COMPONENTS * 3;
/** A register holds a product of two stored mixtures before it is reduced. */
const REGISTER_COMPONENTS = MAX_COMPONENTS * MAX_COMPONENTS;

export class MixtureArena {
  private readonly store: Float64Array;
  private readonly counts: Uint8Array;
  private registers: Float64Array[];
  private readonly registerCounts: Int32Array;
  /** The register products are built in before they replace their target. */
  private readonly scratch: number;

  constructor(slots: number, registers: number) {
    this.store = new Float64Array(slots * STRIDE);
    this.counts = new Uint8Array(slots).fill(1);
    for (let slot = 0; slot < slots; slot++) this.store[slot * STRIDE] = 1;
    this.registers = Array.from({ length: registers + 1 }, () => new Float64Array(REGISTER_COMPONENTS * 3));
    this.registerCounts = new Int32Array(registers + 1);
    this.scratch = registers;
  }

  /** Register r := a point mass at `valueMs`. */
  setPoint(r: number, valueMs: number): void {
    const reg = this.registers[r]!;
    reg[0] = 1;
    reg[1] = valueMs;
    reg[2] = 0;
    this.registerCounts[r] = 1;
  }

  /** Register r := nothing (to be filled with push / mix). */
  clear(r: number): void {
    this.registerCounts[r] = 0;
  }

  push(r: number, weight: number, meanMs: number, varianceMs2: number): void {
    if (weight <= 0) return;
    if (this.registerCounts[r]! >= REGISTER_COMPONENTS) this.reduce(r);
    const reg = this.registers[r]!;
    const i = this.registerCounts[r]! * 3;
    reg[i] = weight;
    reg[i + 1] = meanMs;
    reg[i + 2] = varianceMs2;
    this.registerCounts[r]!++;
  }

  /** Register r gains `weight` times the stored mixture `slot`, shifted by `shiftMs`. */
  mixSlot(r: number, weight: number, slot: number, shiftMs: number): void {
    if (weight <= 0) return;
    const base = slot * STRIDE;
    const n = this.counts[slot]!;
    if (this.registerCounts[r]! + n > REGISTER_COMPONENTS) this.reduce(r);
    for (let i = 0; i < n; i++) this.push(r, weight * this.store[base + i * 3]!, this.store[base + i * 3 + 1]! + shiftMs, this.store[base + i * 3 + 2]!);
  }

  /**
   * Register r gains `weight` times the stored mixture `slot` shifted by `shiftMs`, conditioned on
   * staying below `limitMs` (what a caller that gives up at a timeout sees when it succeeds).
   * Returns the probability of staying below the limit.
   */
  mixSlotBelow(r: number, weight: number, slot: number, shiftMs: number, limitMs: number): number {
    const base = slot * STRIDE;
    const n = this.counts[slot]!;
    let below = 0;
    for (let i = 0; i < n; i++) below += this.store[base + i * 3]! * (1 - componentSurvival(this.store[base + i * 3 + 1]! + shiftMs, this.store[base + i * 3 + 2]!, limitMs));
    if (below <= 1e-12) return 0;
    if (this.registerCounts[r]! + n > REGISTER_COMPONENTS) this.reduce(r);
    for (let i = 0; i < n; i++) {
      const w = this.store[base + i * 3]!;
      const mean = this.store[base + i * 3 + 1]! + shiftMs;
      const variance = this.store[base + i * 3 + 2]!;
      truncate(mean, variance, limitMs);
      if (truncated.probability > 0) this.push(r, (weight * w * truncated.probability) / below, truncated.mean, truncated.variance);
    }
    return below;
  }

  /** Register r gains `weight` times register `other`. */
  mixRegister(r: number, weight: number, other: number): void {
    if (weight <= 0) return;
    const src = this.registers[other]!;
    const n = this.registerCounts[other]!;
    for (let i = 0; i < n; i++) this.push(r, weight * src[i * 3]!, src[i * 3 + 1]!, src[i * 3 + 2]!);
  }

  /** Register r := r + (stored mixture `slot` shifted by `shiftMs`), the stages independent. */
  addSlot(r: number, slot: number, shiftMs: number): void {
    this.addFrom(r, this.store, slot * STRIDE, this.counts[slot]!, shiftMs);
  }

  /** Register r := r + register `other`. */
  addRegister(r: number, other: number): void {
    this.reduce(other);
    this.addFrom(r, this.registers[other]!, 0, this.registerCounts[other]!, 0);
  }

  /** Register r := a copy of register `other`. */
  copy(r: number, other: number): void {
    const dst = this.registers[r]!;
    const src = this.registers[other]!;
    const length = this.registerCounts[other]! * 3;
    for (let i = 0; i < length; i++) dst[i] = src[i]!;
    this.registerCounts[r] = this.registerCounts[other]!;
  }

  /** Reduces register r and stores it as `slot`. */
  save(slot: number, r: number): void {
    this.reduce(r);
    const n = this.registerCounts[r]!;
    const src = this.registers[r]!;
    const base = slot * STRIDE;
    for (let i = 0; i < n * 3; i++) this.store[base + i] = src[i]!;
    this.counts[slot] = n;
  }

  /** Stored mixture `slot` := a copy of stored mixture `from`. */
  copySlot(slot: number, from: number): void {
    this.store.copyWithin(slot * STRIDE, from * STRIDE, from * STRIDE + this.counts[from]! * 3);
    this.counts[slot] = this.counts[from]!;
  }

  /** Stores a point mass at zero as `slot`. */
  saveZero(slot: number): void {
    const base = slot * STRIDE;
    this.store[base] = 1;
    this.store[base + 1] = 0;
    this.store[base + 2] = 0;
    this.counts[slot] = 1;
  }

  mean(slot: number): number {
    const base = slot * STRIDE;
    let mean = 0;
    for (let i = 0; i < this.counts[slot]!; i++) mean += this.store[base + i * 3]! * this.store[base + i * 3 + 1]!;
    return mean;
  }

  survival(slot: number, t: number): number {
    const base = slot * STRIDE;
    let survival = 0;
    for (let i = 0; i < this.counts[slot]!; i++) survival += this.store[base + i * 3]! * componentSurvival(this.store[base + i * 3 + 1]!, this.store[base + i * 3 + 2]!, t);
    return survival;
  }

  percentile(slot: number, q: number): number {
    const base = slot * STRIDE;
    let high = 0;
    for (let i = 0; i < this.counts[slot]!; i++) high = Math.max(high, this.store[base + i * 3 + 1]! + 10 * Math.sqrt(this.store[base + i * 3 + 2]!));
    return invertSurvival((t) => this.survival(slot, t), q, 0, high);
  }

  private addFrom(r: number, src: Float64Array, base: number, n: number, shiftMs: number): void {
    const reg = this.registers[r]!;
    const m = this.registerCounts[r]!;
    if (n === 1 && src[base + 2] === 0) {
      // Adding a constant only shifts.
      const shift = src[base + 1]! + shiftMs;
      for (let i = 0; i < m; i++) reg[i * 3 + 1]! += shift;
      return;
    }
    if (m === 1 && reg[2] === 0) {
      const shift = reg[1]! + shiftMs;
      for (let i = 0; i < n; i++) {
        reg[i * 3] = src[base + i * 3]!;
        reg[i * 3 + 1] = src[base + i * 3 + 1]! + shift;
        reg[i * 3 + 2] = src[base + i * 3 + 2]!;
      }
      this.registerCounts[r] = n;
      return;
    }
    if (m > MAX_COMPONENTS) this.reduce(r);
    const count = this.registerCounts[r]!;
    const out = this.registers[this.scratch]!;
    let k = 0;
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < n; j++) {
        out[k++] = reg[i * 3]! * src[base + j * 3]!;
        out[k++] = reg[i * 3 + 1]! + src[base + j * 3 + 1]! + shiftMs;
        out[k++] = reg[i * 3 + 2]! + src[base + j * 3 + 2]!;
      }
    }
    this.registers[this.scratch] = reg;
    this.registers[r] = out;
    this.registerCounts[r] = count * n;
  }

  /** Sorts by mean and merges the closest neighbours until at most MAX_COMPONENTS remain. */
  private reduce(r: number): void {
    const c = this.registers[r]!;
    let n = this.registerCounts[r]!;
    if (n <= MAX_COMPONENTS) return;
    for (let i = 1; i < n; i++) {
      const w = c[i * 3]!;
      const m = c[i * 3 + 1]!;
      const v = c[i * 3 + 2]!;
      let j = i - 1;
      while (j >= 0 && c[j * 3 + 1]! > m) {
        c[(j + 1) * 3] = c[j * 3]!;
        c[(j + 1) * 3 + 1] = c[j * 3 + 1]!;
        c[(j + 1) * 3 + 2] = c[j * 3 + 2]!;
        j--;
      }
      c[(j + 1) * 3] = w;
      c[(j + 1) * 3 + 1] = m;
      c[(j + 1) * 3 + 2] = v;
    }
    while (n > MAX_COMPONENTS) {
      let best = 0;
      let bestCost = Infinity;
      for (let i = 0; i + 1 < n; i++) {
        const wi = c[i * 3]!;
        const wj = c[i * 3 + 3]!;
        const dm = c[i * 3 + 1]! - c[i * 3 + 4]!;
        // The second moment a merge blurs: weighted squared distance of the means.
        const cost = ((wi * wj) / (wi + wj)) * dm * dm;
        if (cost < bestCost) {
          bestCost = cost;
          best = i;
        }
      }
      const i = best * 3;
      const wi = c[i]!;
      const wj = c[i + 3]!;
      const w = wi + wj;
      const mean = (wi * c[i + 1]! + wj * c[i + 4]!) / w;
      const second = (wi * (c[i + 2]! + c[i + 1]! * c[i + 1]!) + wj * (c[i + 5]! + c[i + 4]! * c[i + 4]!)) / w;
      c[i] = w;
      c[i + 1] = mean;
      c[i + 2] = Math.max(0, second - mean * mean);
      c.copyWithin(i + 3, i + 6, n * 3);
      n--;
    }
    this.registerCounts[r] = n;
  }
}

function componentSurvival(mean: number, variance: number, t: number): number {
  if (variance <= 1e-12 * (mean * mean + 1e-12)) return t < mean ? 1 : 0;
  if (t <= 0) return 1;
  const shape = (mean * mean) / variance;
  if (shape > 1000) return normalSurvival((t - mean) / Math.sqrt(variance));
  return 1 - regularizedGammaP(shape, (t * mean) / variance);
}

/** Output of `truncate`, reused to avoid allocating in the hot path. */
const truncated = { probability: 0, mean: 0, variance: 0 };

/** Probability, mean and variance of a component (read as a gamma, or a normal when narrow) below `limit`. */
function truncate(mean: number, variance: number, limit: number): void {
  if (variance <= 1e-12 * (mean * mean + 1e-12)) {
    truncated.probability = mean < limit ? 1 : 0;
    truncated.mean = mean;
    truncated.variance = 0;
    return;
  }
  if (limit <= 0) {
    truncated.probability = 0;
    return;
  }
  const shape = (mean * mean) / variance;
  if (shape > 1000) {
    const sd = Math.sqrt(variance);
    const alpha = (limit - mean) / sd;
    const below = 1 - normalSurvival(alpha);
    const density = Math.exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI);
    const ratio = below > 1e-300 ? density / below : 0;
    truncated.probability = below;
    truncated.mean = mean - sd * ratio;
    truncated.variance = Math.max(0, variance * (1 - alpha * ratio - ratio * ratio));
    return;
  }
  const scale = variance / mean;
  const x = limit / scale;
  const p0 = regularizedGammaP(shape, x);
  truncated.probability = p0;
  if (p0 <= 1e-300) return;
  const first = (shape * scale * regularizedGammaP(shape + 1, x)) / p0;
  const second = (shape * (shape + 1) * scale * scale * regularizedGammaP(shape + 2, x)) / p0;
  truncated.mean = first;
  truncated.variance = Math.max(0, second - first * first);
}

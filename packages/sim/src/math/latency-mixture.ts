// End-to-end latency as a small mixture of components, each known only by weight, mean and variance.
// Sums of independent stages add means and variances (exact); alternatives (cache hit or miss, one
// split target or another, attempt 1 or a retry) become separate components, so a 90 % hit ratio
// keeps its two modes instead of being averaged into one. When a mixture outgrows MAX_COMPONENTS
// the two closest neighbours merge, preserving weight, mean and variance. Percentiles then read each
// component as a gamma distribution with its mean and variance (two-moment fit): exact for one
// exponential stage, close for sums of them, an approximation otherwise.
import { normalSurvival, quantileByBisection, regularizedGammaP } from './special-functions.ts';

export const MAX_COMPONENTS = 6;

/** Flat [weight, mean, variance, ...] in ms and ms². */
export type Mixture = number[];

export function pointMixture(valueMs: number): Mixture {
  return [1, valueMs, 0];
}

export function shiftMixture(mixture: Mixture, byMs: number): Mixture {
  const out = mixture.slice();
  for (let i = 1; i < out.length; i += 3) out[i]! += byMs;
  return out;
}

/** The distribution of X + Y for independent X, Y. */
export function sumMixtures(a: Mixture, b: Mixture): Mixture {
  if (b.length === 3 && b[2] === 0) return shiftMixture(a, b[1]!);
  if (a.length === 3 && a[2] === 0) return shiftMixture(b, a[1]!);
  const out: number[] = [];
  for (let i = 0; i < a.length; i += 3) {
    for (let j = 0; j < b.length; j += 3) out.push(a[i]! * b[j]!, a[i + 1]! + b[j + 1]!, a[i + 2]! + b[j + 2]!);
  }
  return reduceMixture(out);
}

/** A weighted choice between distributions; weights are normalised, zero weights dropped. */
export function mixMixtures(parts: readonly (readonly [number, Mixture])[]): Mixture {
  let total = 0;
  for (const [weight] of parts) total += weight;
  const out: number[] = [];
  if (total <= 0) return pointMixture(0);
  for (const [weight, mixture] of parts) {
    if (weight <= 0) continue;
    for (let i = 0; i < mixture.length; i += 3) out.push((mixture[i]! * weight) / total, mixture[i + 1]!, mixture[i + 2]!);
  }
  return reduceMixture(out);
}

export function mixtureMean(mixture: Mixture): number {
  let mean = 0;
  for (let i = 0; i < mixture.length; i += 3) mean += mixture[i]! * mixture[i + 1]!;
  return mean;
}

export function mixtureSurvival(mixture: Mixture, t: number): number {
  let survival = 0;
  for (let i = 0; i < mixture.length; i += 3) survival += mixture[i]! * componentSurvival(mixture[i + 1]!, mixture[i + 2]!, t);
  return survival;
}

export function mixturePercentile(mixture: Mixture, q: number): number {
  let high = 0;
  for (let i = 0; i < mixture.length; i += 3) high = Math.max(high, mixture[i + 1]! + 10 * Math.sqrt(mixture[i + 2]!));
  return quantileByBisection((t) => mixtureSurvival(mixture, t), q, 0, high);
}

function componentSurvival(mean: number, variance: number, t: number): number {
  if (variance <= 1e-12 * (mean * mean + 1e-12)) return t < mean ? 1 : 0;
  if (t <= 0) return 1;
  const shape = (mean * mean) / variance;
  if (shape > 1000) return normalSurvival((t - mean) / Math.sqrt(variance));
  return 1 - regularizedGammaP(shape, (t * mean) / variance);
}

function reduceMixture(components: number[]): Mixture {
  const count = components.length / 3;
  if (count <= 1) return components;
  const order = Array.from({ length: count }, (_, i) => i).sort((x, y) => components[x * 3 + 1]! - components[y * 3 + 1]!);
  const out: number[] = [];
  for (const i of order) out.push(components[i * 3]!, components[i * 3 + 1]!, components[i * 3 + 2]!);
  while (out.length > MAX_COMPONENTS * 3) {
    let best = 0;
    let bestCost = Infinity;
    for (let i = 0; i + 3 < out.length; i += 3) {
      const cost = mergeCost(out, i, i + 3);
      if (cost < bestCost) {
        bestCost = cost;
        best = i;
      }
    }
    mergeInto(out, best, best + 3);
    out.splice(best + 3, 3);
  }
  return out;
}

/** The second moment a merge blurs: weighted squared distance of the means. */
function mergeCost(c: number[], i: number, j: number): number {
  const wi = c[i]!;
  const wj = c[j]!;
  const dm = c[i + 1]! - c[j + 1]!;
  return ((wi * wj) / (wi + wj)) * dm * dm;
}

function mergeInto(c: number[], i: number, j: number): void {
  const wi = c[i]!;
  const wj = c[j]!;
  const w = wi + wj;
  const mean = (wi * c[i + 1]! + wj * c[j + 1]!) / w;
  const second = (wi * (c[i + 2]! + c[i + 1]! ** 2) + wj * (c[j + 2]! + c[j + 1]! ** 2)) / w;
  c[i] = w;
  c[i + 1] = mean;
  c[i + 2] = Math.max(0, second - mean * mean);
}

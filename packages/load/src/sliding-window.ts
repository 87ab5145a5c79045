import { LoadOptionsError } from './errors.ts';

export interface WindowCount {
  /** Events inside [start, end]. */
  count: number;
  /** The first event of the busiest interval (0 when there are no events). */
  start: number;
  /** start + windowMs. */
  end: number;
}

/**
 * The largest number of event times inside any closed interval [t, t + windowMs]: "41 admitted within
 * 120 ms". The busiest interval can always be slid right until it starts at an event, so only those
 * starts are tried. Widths are compared as differences (exact for nearby epoch-ms doubles), so an event
 * exactly `windowMs` after the first one counts. Input need not be sorted; it is not modified.
 */
export function maxInSlidingWindow(times: readonly number[], windowMs: number): WindowCount {
  if (!(Number.isFinite(windowMs) && windowMs >= 0)) {
    throw new LoadOptionsError('windowMs', `must be a finite number >= 0, got ${windowMs}`);
  }
  const sorted = sortedFiniteCopy(times);
  let best: WindowCount = { count: 0, start: 0, end: 0 };
  let right = 0;
  for (let left = 0; left < sorted.length; left++) {
    const start = sorted[left]!;
    if (right < left) right = left;
    while (right < sorted.length && sorted[right]! - start <= windowMs) right++;
    const count = right - left;
    if (count > best.count) best = { count, start, end: start + windowMs };
  }
  return best;
}

/** How many event times fall inside the closed interval [start, end]. */
export function countInWindow(times: readonly number[], start: number, end: number): number {
  if (!(Number.isFinite(start) && Number.isFinite(end) && start <= end)) {
    throw new LoadOptionsError('window', `needs finite start <= end, got [${start}, ${end}]`);
  }
  let count = 0;
  for (const time of times) {
    if (time >= start && time <= end) count++;
  }
  return count;
}

function sortedFiniteCopy(times: readonly number[]): Float64Array {
  const sorted = Float64Array.from(times);
  for (let i = 0; i < sorted.length; i++) {
    if (!Number.isFinite(sorted[i])) {
      throw new LoadOptionsError(`times[${i}]`, `must be a finite number, got ${sorted[i]}`);
    }
  }
  return sorted.sort();
}

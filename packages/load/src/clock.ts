/**
 * Epoch milliseconds from the monotonic clock: comparable across processes on one machine, and never
 * jumps when the wall clock is adjusted during a run.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

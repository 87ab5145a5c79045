/**
 * Epoch milliseconds from the monotonic clock: comparable across processes on one machine, and never
 * jumps when the wall clock is adjusted during a run.
 */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * A setTimeout delay that does not undershoot `deadline` (epoch ms). Node timers run on a millisecond
 * loop clock cached per loop turn and can fire up to ~1 ms early, so a timer callback that must not
 * act early re-checks `epochNow() >= deadline` and re-arms with this if needed.
 */
export function delayUntil(deadline: number): number {
  return Math.max(1, Math.ceil(deadline - epochNow()));
}

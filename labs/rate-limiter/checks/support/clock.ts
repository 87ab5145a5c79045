import type { CheckContext } from '@archlab/lab-kit';

export const epochNow = () => performance.timeOrigin + performance.now();

/** Sleeps until an epoch time (the candidate's windows live on the same machine clock). */
export async function sleepUntil(ctx: Pick<CheckContext<unknown>, 'sleep'>, epochMs: number): Promise<void> {
  const wait = epochMs - epochNow();
  if (wait > 0) await ctx.sleep(wait);
}

/** The next multiple of the window at or after `at`: where an epoch-aligned fixed window would reset. */
export function nextEpochBoundary(windowMs: number, at = epochNow()): number {
  return Math.ceil(at / windowMs) * windowMs;
}

/**
 * Waits until the clock is at `phase` (0..1) of an epoch-aligned window, so that a short burst cannot
 * straddle a boundary by chance: results for fixed-window solutions then do not depend on luck. If the
 * machine was too busy to wake us near the target, it waits for the next window instead of going late.
 */
export async function alignToPhase(ctx: Pick<CheckContext<unknown>, 'sleep'>, windowMs: number, phase: number): Promise<number> {
  const slackMs = Math.min(50, windowMs * 0.05);
  for (let attempt = 0; attempt < 5; attempt++) {
    const now = epochNow();
    let target = Math.floor(now / windowMs) * windowMs + phase * windowMs;
    if (target < now + 5) target += windowMs;
    await sleepUntil(ctx, target);
    if (epochNow() - target <= slackMs) return target;
  }
  return epochNow();
}

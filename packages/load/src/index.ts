export { runOpenLoop } from './open-loop.ts';
export type { OpenLoopOptions } from './open-loop.ts';
export { runClosedLoop } from './closed-loop.ts';
export type { ClosedLoopOptions } from './closed-loop.ts';
export { burst } from './burst.ts';
export type { BurstOptions } from './burst.ts';
export { LatencyHistogram } from './histogram.ts';
export { maxInSlidingWindow, countInWindow } from './sliding-window.ts';
export type { WindowCount } from './sliding-window.ts';
export { epochNow } from './clock.ts';
export { LoadOptionsError } from './errors.ts';
export type {
  LatencySummary,
  LoadProgress,
  LoadResult,
  RequestRecord,
  RequestSpec,
  ResponseCaptureOptions,
} from './types.ts';

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

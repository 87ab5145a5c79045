import type { LoadProgress } from './types.ts';

export interface ProgressTicker {
  /** Reports once more (the final numbers) and stops. */
  stop(): void;
}

/** Calls `onProgress` every `intervalMs` with `read()`. A throwing callback is handed to `onError`. */
export function startProgressTicker(
  onProgress: ((progress: LoadProgress) => void) | undefined,
  intervalMs: number,
  read: () => LoadProgress,
  onError: (error: unknown) => void,
): ProgressTicker {
  if (!onProgress) return { stop: () => undefined };
  const report = (): void => {
    try {
      onProgress(read());
    } catch (error) {
      onError(error);
    }
  };
  const interval = setInterval(report, intervalMs);
  return {
    stop: () => {
      clearInterval(interval);
      report();
    },
  };
}

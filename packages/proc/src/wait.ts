export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls `probe` every `intervalMs` until it returns a value other than undefined, or gives up after
 * `timeoutMs` and returns undefined. `stopWhen` ends the wait early (e.g. the process already exited).
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  options: { timeoutMs: number; intervalMs?: number; stopWhen?: () => boolean },
): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  const interval = options.intervalMs ?? 25;
  while (Date.now() < deadline) {
    if (options.stopWhen?.()) return undefined;
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(interval);
  }
  return undefined;
}

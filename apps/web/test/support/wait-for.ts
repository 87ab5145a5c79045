// Waits (bounded) until a subscribable state satisfies a condition.
export interface Subscribable<T> {
  getState(): T;
  subscribe(listener: () => void): () => void;
}

export function waitFor<T>(source: Subscribable<T>, condition: (state: T) => boolean, timeoutMs = 10_000): Promise<T> {
  return new Promise((resolve, reject) => {
    if (condition(source.getState())) {
      resolve(source.getState());
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = source.subscribe(() => {
      if (!condition(source.getState())) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(source.getState());
    });
  });
}

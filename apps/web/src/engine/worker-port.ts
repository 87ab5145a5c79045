// The part of a Worker the clients use, so a client can talk to a real Web Worker in the browser or,
// in Node tests, to the same message handler running in-process.

export interface WorkerPort<In, Out> {
  postMessage(message: In): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Out>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<Out>) => void): void;
  terminate(): void;
}

/** Where a worker module sends its replies (`self.postMessage` inside a Web Worker). */
export type Reply<Out> = (message: Out) => void;

/**
 * Runs a worker's message handler in this thread, delivering messages asynchronously both ways
 * like a real worker does. For Node tests of the clients against the real engine.
 */
export function createInProcessPort<In, Out>(handle: (message: In, reply: Reply<Out>) => void): WorkerPort<In, Out> {
  const listeners = new Set<(event: MessageEvent<Out>) => void>();
  let terminated = false;
  const reply: Reply<Out> = (message) => {
    setTimeout(() => {
      if (terminated) return;
      for (const listener of [...listeners]) listener({ data: message } as MessageEvent<Out>);
    }, 0);
  };
  return {
    postMessage(message) {
      if (terminated) return;
      setTimeout(() => {
        if (!terminated) handle(structuredClone(message), reply);
      }, 0);
    },
    addEventListener: (_type, listener) => listeners.add(listener),
    removeEventListener: (_type, listener) => listeners.delete(listener),
    terminate() {
      terminated = true;
      listeners.clear();
    },
  };
}

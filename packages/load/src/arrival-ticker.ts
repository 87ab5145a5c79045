import { Worker } from 'node:worker_threads';
import { epochNow } from './clock.ts';

/**
 * Runs in a worker thread: sleeps until each arrival is due with Atomics.wait (a futex with a
 * sub-millisecond timeout) on the process-wide monotonic clock, then posts the arrival's index.
 */
const TICKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { control, intervalNs, total } = workerData;
const flag = new Int32Array(control);
parentPort.once('message', ({ startNs }) => {
  for (let i = 0; i < total; i++) {
    const due = startNs + BigInt(Math.round(i * intervalNs));
    for (;;) {
      if (Atomics.load(flag, 0) !== 0) return;
      const remainingNs = due - process.hrtime.bigint();
      if (remainingNs <= 0n) break;
      Atomics.wait(flag, 0, 0, Number(remainingNs) / 1e6);
    }
    parentPort.postMessage(i);
  }
  parentPort.close();
});
parentPort.postMessage('ready');
`;

/** Time between telling the thread to start and arrival 0, so the message itself is never late. */
const START_LEAD_MS = 1;
const READY_TIMEOUT_MS = 5000;

export interface ArrivalTicker {
  /** Epoch ms (see epochNow) of arrival 0; arrival i is due at startedAt + i * intervalMs. */
  readonly startedAt: number;
  /** Ends the thread; resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Calls `onDue(i)` on the main thread when arrival i is due, in order, each once. The main thread's
 * own timers tick in whole milliseconds (so fast schedules would be sent in clumps), and polling for
 * the due time would burn a core that the candidate's processes need; a sleeping thread costs
 * neither and is typically within ~0.1 ms.
 */
export async function startArrivalTicker(
  intervalMs: number,
  total: number,
  onDue: (index: number) => void,
  onError: (error: unknown) => void,
): Promise<ArrivalTicker> {
  const control = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const worker = new Worker(TICKER_SOURCE, { eval: true, workerData: { control, intervalNs: intervalMs * 1e6, total } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const flag = new Int32Array(control);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      worker.removeAllListeners('message');
      await worker.terminate();
      await exited;
    })();
    return stopping;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('arrival ticker thread did not start')), READY_TIMEOUT_MS);
      worker.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  worker.on('message', onDue);
  worker.on('error', onError);
  const startedAt = epochNow() + START_LEAD_MS;
  worker.postMessage({ startNs: process.hrtime.bigint() + BigInt(START_LEAD_MS * 1e6) });
  return { startedAt, stop };
}

import { Client } from 'undici';
import { epochNow } from './clock.ts';
import { DispatcherSet } from './dispatcher-set.ts';
import { LoadOptionsError } from './errors.ts';
import { startProgressTicker } from './progress-ticker.ts';
import type { ProgressTicker } from './progress-ticker.ts';
import { pendingRecord } from './record.ts';
import { checkRequestSpec, resolveCaptureSettings, TargetResolver } from './request-spec.ts';
import type { CaptureSettings } from './request-spec.ts';
import { summarizeRun } from './run-summary.ts';
import type { LoadProgress, LoadResult, RequestRecord, RequestSpec, ResponseCaptureOptions } from './types.ts';
import { UndiciExchange } from './undici-exchange.ts';

export interface ClosedLoopOptions extends ResponseCaptureOptions {
  /** Workers, each with its own keep-alive connection per target, sending back to back. */
  concurrency: number;
  /** Stop starting requests after this long. At least one of durationMs / totalRequests is required. */
  durationMs?: number;
  /** Stop after this many requests in total. */
  totalRequests?: number;
  /** `worker` is the 0-based worker sending it: a worker's requests never overlap each other. */
  makeRequest: (index: number, worker: number) => RequestSpec;
  /**
   * Paces each worker: it starts a request at least this long after starting its previous one (so a
   * worker per key sends evenly spaced, never overlapping requests). Default 0: back to back.
   */
  minIntervalMs?: number;
  /**
   * Stop starting requests once a settled record satisfies this (e.g. the first 429); requests already
   * in flight still finish. Default: never.
   */
  stopWhen?: (record: RequestRecord) => boolean;
  onProgress?: (progress: LoadProgress) => void;
  /** Default: 250 ms. */
  progressIntervalMs?: number;
}

const DEFAULT_PROGRESS_INTERVAL_MS = 250;

/**
 * N workers, each sending its next request as soon as its previous one settled (closed loop), so at
 * most N requests are ever in flight. Per-request failures become records; only bad options throw
 * (LoadOptionsError), as does an error thrown by `makeRequest`, after everything is closed.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<LoadResult> {
  const settings = resolveCaptureSettings(options);
  const limits = checkLimits(options);
  const run = new ClosedLoopRun(options, settings, limits);
  try {
    return await run.finished;
  } finally {
    run.stop();
    await run.destroyConnections();
  }
}

interface Limits {
  concurrency: number;
  minIntervalMs: number;
  durationMs: number;
  totalRequests: number;
  progressIntervalMs: number;
}

function checkLimits(options: ClosedLoopOptions): Limits {
  const { concurrency, durationMs, totalRequests } = options;
  if (!(Number.isInteger(concurrency) && concurrency > 0)) {
    throw new LoadOptionsError('concurrency', `must be an integer > 0, got ${concurrency}`);
  }
  if (durationMs === undefined && totalRequests === undefined) {
    throw new LoadOptionsError('durationMs', 'or totalRequests is required');
  }
  if (durationMs !== undefined && !(Number.isFinite(durationMs) && durationMs > 0)) {
    throw new LoadOptionsError('durationMs', `must be a finite number > 0, got ${durationMs}`);
  }
  if (totalRequests !== undefined && !(Number.isInteger(totalRequests) && totalRequests > 0)) {
    throw new LoadOptionsError('totalRequests', `must be an integer > 0, got ${totalRequests}`);
  }
  if (typeof options.makeRequest !== 'function') {
    throw new LoadOptionsError('makeRequest', 'must be a function');
  }
  const minIntervalMs = options.minIntervalMs ?? 0;
  if (!(Number.isFinite(minIntervalMs) && minIntervalMs >= 0)) {
    throw new LoadOptionsError('minIntervalMs', `must be a finite number >= 0, got ${minIntervalMs}`);
  }
  const progressIntervalMs = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  if (!(Number.isFinite(progressIntervalMs) && progressIntervalMs > 0)) {
    throw new LoadOptionsError('progressIntervalMs', `must be a finite number > 0, got ${progressIntervalMs}`);
  }
  return {
    concurrency,
    minIntervalMs,
    durationMs: durationMs ?? Infinity,
    totalRequests: totalRequests ?? Infinity,
    progressIntervalMs,
  };
}

interface Worker {
  index: number;
  clients: DispatcherSet<Client>;
  /** When its latest request started (epoch ms). */
  lastStart: number;
  /** Set while it waits out minIntervalMs. */
  timer: NodeJS.Timeout | undefined;
  onSettled: (exchange: UndiciExchange) => void;
  /** Its next request is scheduled but not started yet. */
  pending: boolean;
  /** Set when that start waits for the next event-loop turn (see #onSettled). */
  immediate: NodeJS.Immediate | undefined;
}

class ClosedLoopRun {
  readonly finished: Promise<LoadResult>;
  readonly #options: ClosedLoopOptions;
  readonly #settings: CaptureSettings;
  readonly #limits: Limits;
  readonly #targets = new TargetResolver();
  readonly #records: RequestRecord[] = [];
  readonly #inFlight = new Set<UndiciExchange>();
  readonly #workers: Worker[] = [];
  readonly #startedAt = epochNow();
  readonly #progress: ProgressTicker;
  #resolve!: (result: LoadResult) => void;
  #reject!: (error: unknown) => void;
  #next = 0;
  #completed = 0;
  #dispatching = false;
  #stopped = false;
  /** stopWhen matched: no new requests. */
  #satisfied = false;

  constructor(options: ClosedLoopOptions, settings: CaptureSettings, limits: Limits) {
    this.#options = options;
    this.#settings = settings;
    this.#limits = limits;
    this.finished = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#progress = startProgressTicker(options.onProgress, limits.progressIntervalMs, this.#readProgress, this.#fail);
    if (options.signal?.aborted) {
      this.#abort();
      return;
    }
    options.signal?.addEventListener('abort', this.#abort, { once: true });
    for (let i = 0; i < limits.concurrency; i++) {
      const worker: Worker = {
        index: i,
        lastStart: -Infinity,
        timer: undefined,
        clients: new DispatcherSet((origin) => this.#connect(origin)),
        onSettled: (exchange) => this.#onSettled(worker, exchange),
        pending: false,
        immediate: undefined,
      };
      this.#workers.push(worker);
    }
    for (const worker of this.#workers) {
      if (this.#stopped) break;
      this.#startNext(worker);
    }
    this.#finishIfIdle();
  }

  /** Idempotent; releases the progress timer and the abort listener. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#options.signal?.removeEventListener('abort', this.#abort);
    for (const worker of this.#workers) {
      clearImmediate(worker.immediate);
      clearTimeout(worker.timer);
    }
    this.#progress.stop();
  }

  async destroyConnections(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.clients.destroyAll()));
  }

  #connect(origin: string): Client {
    return new Client(origin, {
      pipelining: 1,
      connect: { timeout: this.#settings.timeoutMs },
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  #startNext(worker: Worker): void {
    worker.pending = false;
    worker.immediate = undefined;
    if (this.#stopped || this.#satisfied || this.#next >= this.#limits.totalRequests) return;
    const now = epochNow();
    if (now - this.#startedAt >= this.#limits.durationMs) return;
    const index = this.#next++;
    worker.lastStart = now;
    let spec: RequestSpec;
    let origin: string;
    try {
      spec = this.#options.makeRequest(index, worker.index);
      checkRequestSpec(spec, 'makeRequest', index);
      origin = this.#targets.resolve(spec.target, 'makeRequest', index).origin;
    } catch (error) {
      this.#fail(error);
      return;
    }
    const record = pendingRecord(index, spec, now);
    this.#records.push(record);
    const exchange = new UndiciExchange(record, this.#settings, worker.onSettled);
    this.#inFlight.add(exchange);
    this.#dispatching = true;
    try {
      exchange.start(worker.clients.get(origin), spec);
    } finally {
      this.#dispatching = false;
    }
  }

  #onSettled(worker: Worker, exchange: UndiciExchange): void {
    this.#inFlight.delete(exchange);
    if (exchange.record.error === undefined) this.#completed++;
    if (this.#options.stopWhen?.(exchange.record)) this.#satisfied = true;
    // Never dispatch from inside undici's own callback: it may still be iterating its queue (a
    // refused connection fails the queue and asserts it is empty afterwards). A microtask runs right
    // after undici returns. A request that failed inside dispatch itself waits for the next loop
    // turn instead, so a run of such failures cannot starve timers and I/O.
    worker.pending = true;
    if (this.#dispatching) worker.immediate = setImmediate(this.#continueWorker, worker);
    else queueMicrotask(() => this.#continueWorker(worker));
  }

  readonly #continueWorker = (worker: Worker): void => {
    const wait = worker.lastStart + this.#limits.minIntervalMs - epochNow();
    if (wait > 0 && !this.#stopped) {
      worker.timer = setTimeout(() => {
        worker.timer = undefined;
        this.#continueWorker(worker);
      }, wait);
      return;
    }
    this.#startNext(worker);
    this.#finishIfIdle();
  };

  #finishIfIdle(): void {
    if (this.#stopped || this.#inFlight.size > 0 || this.#workers.some((worker) => worker.pending)) return;
    this.stop();
    this.#resolve(summarizeRun(this.#records, this.#startedAt, epochNow(), false));
  }

  readonly #abort = (): void => {
    if (this.#stopped) return;
    this.stop();
    this.#endInFlight();
    this.#resolve(summarizeRun(this.#records, this.#startedAt, epochNow(), true));
  };

  readonly #fail = (error: unknown): void => {
    if (this.#stopped) return;
    this.stop();
    this.#endInFlight();
    this.#reject(error);
  };

  #endInFlight(): void {
    for (const exchange of [...this.#inFlight]) exchange.end('aborted');
  }

  readonly #readProgress = (): LoadProgress => ({
    sent: this.#next,
    completed: this.#completed,
    elapsedMs: epochNow() - this.#startedAt,
  });
}

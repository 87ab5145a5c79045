import { Pool } from 'undici';
import { epochNow } from './clock.ts';
import { DispatcherSet } from './dispatcher-set.ts';
import { LoadOptionsError } from './errors.ts';
import { startProgressTicker } from './progress-ticker.ts';
import type { ProgressTicker } from './progress-ticker.ts';
import { pendingRecord } from './record.ts';
import { checkRequestSpec, resolveCaptureSettings, TargetResolver } from './request-spec.ts';
import type { CaptureSettings } from './request-spec.ts';
import { GENERATOR_SATURATED, summarizeRun } from './run-summary.ts';
import type { LoadProgress, LoadResult, RequestRecord, RequestSpec, ResponseCaptureOptions } from './types.ts';
import { UndiciExchange } from './undici-exchange.ts';
import { warmUpHttpClient } from './warm-up.ts';

export interface OpenLoopOptions extends ResponseCaptureOptions {
  /** Arrivals per second, evenly spaced: arrival i is due at startedAt + i * 1000 / ratePerSec. */
  ratePerSec: number;
  /** Arrivals are scheduled in [0, durationMs); the run then waits for the requests in flight. */
  durationMs: number;
  makeRequest: (index: number) => RequestSpec;
  /**
   * When this many requests are in flight, a due arrival is recorded with error 'generator-saturated'
   * instead of being delayed, so a slow server cannot quietly lower the offered rate. Default: 10_000.
   */
  maxInFlight?: number;
  /**
   * The scheduler sleeps on a timer until `spinMs` before the next arrival, then polls the event loop
   * (setImmediate) until it is due: sub-millisecond send times for the price of CPU. 0 means timers
   * only (about 1 ms late, least CPU). Default: 1.
   */
  spinMs?: number;
  onProgress?: (progress: LoadProgress) => void;
  /** Default: 250 ms. */
  progressIntervalMs?: number;
}

const DEFAULT_MAX_IN_FLIGHT = 10_000;
const DEFAULT_SPIN_MS = 1;
const DEFAULT_PROGRESS_INTERVAL_MS = 250;

/**
 * Constant-rate arrivals from a schedule, independent of how fast responses come back (open loop).
 * Per-request failures become records; only bad options throw (LoadOptionsError), as does an error
 * thrown by `makeRequest`, after everything is closed.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<LoadResult> {
  const settings = resolveCaptureSettings(options);
  const arrivals = checkSchedule(options);
  await warmUpHttpClient();
  const pools = new DispatcherSet(
    (origin) =>
      new Pool(origin, {
        connections: null,
        pipelining: 1,
        connect: { timeout: settings.timeoutMs },
        headersTimeout: 0,
        bodyTimeout: 0,
      }),
  );
  const run = new OpenLoopRun(options, settings, arrivals, pools);
  try {
    return await run.finished;
  } finally {
    run.stop();
    await pools.destroyAll();
  }
}

interface Schedule {
  total: number;
  intervalMs: number;
  maxInFlight: number;
  spinMs: number;
  progressIntervalMs: number;
}

function checkSchedule(options: OpenLoopOptions): Schedule {
  const { ratePerSec, durationMs } = options;
  if (!(Number.isFinite(ratePerSec) && ratePerSec > 0)) {
    throw new LoadOptionsError('ratePerSec', `must be a finite number > 0, got ${ratePerSec}`);
  }
  if (!(Number.isFinite(durationMs) && durationMs > 0)) {
    throw new LoadOptionsError('durationMs', `must be a finite number > 0, got ${durationMs}`);
  }
  if (typeof options.makeRequest !== 'function') {
    throw new LoadOptionsError('makeRequest', 'must be a function');
  }
  const maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  if (!(Number.isInteger(maxInFlight) && maxInFlight > 0)) {
    throw new LoadOptionsError('maxInFlight', `must be an integer > 0, got ${maxInFlight}`);
  }
  const spinMs = options.spinMs ?? DEFAULT_SPIN_MS;
  if (!(Number.isFinite(spinMs) && spinMs >= 0)) {
    throw new LoadOptionsError('spinMs', `must be a finite number >= 0, got ${spinMs}`);
  }
  const progressIntervalMs = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  if (!(Number.isFinite(progressIntervalMs) && progressIntervalMs > 0)) {
    throw new LoadOptionsError('progressIntervalMs', `must be a finite number > 0, got ${progressIntervalMs}`);
  }
  // Arrival i is at i * 1000 / rate, and only arrivals strictly before durationMs belong to the run;
  // the epsilon keeps 500/s over 1000 ms at exactly 500 despite floating point.
  const total = Math.ceil((ratePerSec * durationMs) / 1000 - 1e-9);
  return { total, intervalMs: 1000 / ratePerSec, maxInFlight, spinMs, progressIntervalMs };
}

class OpenLoopRun {
  readonly finished: Promise<LoadResult>;
  readonly #options: OpenLoopOptions;
  readonly #settings: CaptureSettings;
  readonly #schedule: Schedule;
  readonly #pools: DispatcherSet<Pool>;
  readonly #targets = new TargetResolver();
  readonly #records: RequestRecord[] = [];
  readonly #inFlight = new Set<UndiciExchange>();
  readonly #startedAt = epochNow();
  readonly #progress: ProgressTicker;
  #resolve!: (result: LoadResult) => void;
  #reject!: (error: unknown) => void;
  #next = 0;
  #sent = 0;
  #completed = 0;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #stopped = false;

  constructor(options: OpenLoopOptions, settings: CaptureSettings, schedule: Schedule, pools: DispatcherSet<Pool>) {
    this.#options = options;
    this.#settings = settings;
    this.#schedule = schedule;
    this.#pools = pools;
    this.finished = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.#progress = startProgressTicker(options.onProgress, schedule.progressIntervalMs, this.#readProgress, this.#fail);
    if (options.signal?.aborted) {
      this.#abort();
      return;
    }
    options.signal?.addEventListener('abort', this.#abort, { once: true });
    this.#pump();
  }

  /** Idempotent; releases the timers and the abort listener. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearTimeout(this.#timer);
    clearImmediate(this.#immediate);
    this.#options.signal?.removeEventListener('abort', this.#abort);
    this.#progress.stop();
  }

  readonly #pump = (): void => {
    this.#timer = undefined;
    this.#immediate = undefined;
    if (this.#stopped) return;
    const { total, intervalMs, spinMs } = this.#schedule;
    try {
      const now = epochNow();
      while (this.#next < total) {
        const scheduledAt = this.#startedAt + this.#next * intervalMs;
        if (scheduledAt > now) break;
        this.#fire(this.#next++, scheduledAt);
      }
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#next >= total) {
      this.#finishIfIdle();
      return;
    }
    const waitMs = this.#startedAt + this.#next * intervalMs - epochNow();
    if (waitMs > spinMs) this.#timer = setTimeout(this.#pump, waitMs - spinMs);
    else this.#immediate = setImmediate(this.#pump);
  };

  #fire(index: number, scheduledAt: number): void {
    const spec = this.#options.makeRequest(index);
    checkRequestSpec(spec, 'makeRequest', index);
    const target = this.#targets.resolve(spec.target, 'makeRequest', index);
    const record = pendingRecord(index, spec, scheduledAt);
    this.#records.push(record);
    if (this.#inFlight.size >= this.#schedule.maxInFlight) {
      record.error = GENERATOR_SATURATED;
      record.sentAt = record.receivedAt = epochNow();
      return;
    }
    const exchange = new UndiciExchange(record, this.#settings, this.#onSettled);
    this.#inFlight.add(exchange);
    this.#sent++;
    exchange.start(this.#pools.get(target.origin), spec);
  }

  readonly #onSettled = (exchange: UndiciExchange): void => {
    this.#inFlight.delete(exchange);
    if (exchange.record.error === undefined) this.#completed++;
    if (this.#next >= this.#schedule.total) this.#finishIfIdle();
  };

  #finishIfIdle(): void {
    if (this.#stopped || this.#inFlight.size > 0) return;
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
    sent: this.#sent,
    completed: this.#completed,
    elapsedMs: epochNow() - this.#startedAt,
  });
}

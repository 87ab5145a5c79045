import { Pool } from 'undici';
import { startArrivalTicker } from './arrival-ticker.ts';
import type { ArrivalTicker } from './arrival-ticker.ts';
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
   * Keep-alive connections per target. Past it, requests wait in the pool for a free connection (their
   * sentAt shows the wait). Unbounded growth during a server stall would overflow the server's listen
   * backlog (511 for Node), and the kernel retries a dropped SYN only after a full second. Default: 256.
   */
  maxConnectionsPerTarget?: number;
  onProgress?: (progress: LoadProgress) => void;
  /** Default: 250 ms. */
  progressIntervalMs?: number;
}

const DEFAULT_MAX_IN_FLIGHT = 10_000;
const DEFAULT_MAX_CONNECTIONS_PER_TARGET = 256;
const DEFAULT_PROGRESS_INTERVAL_MS = 250;

/**
 * Constant-rate arrivals from a schedule, independent of how fast responses come back (open loop).
 * A thread keeps the time (see arrival-ticker.ts), so sends are evenly spaced to ~0.1 ms without
 * spinning. Per-request failures become records; only bad options throw (LoadOptionsError), as does
 * an error thrown by `makeRequest`, after everything is closed.
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<LoadResult> {
  const settings = resolveCaptureSettings(options);
  const schedule = checkSchedule(options);
  await warmUpHttpClient();
  const pools = new DispatcherSet(
    (origin) =>
      new Pool(origin, {
        connections: schedule.maxConnectionsPerTarget,
        pipelining: 1,
        connect: { timeout: settings.timeoutMs },
        headersTimeout: 0,
        bodyTimeout: 0,
      }),
  );
  const run = new OpenLoopRun(options, settings, schedule, pools);
  try {
    await run.start();
    return await run.finished;
  } finally {
    await run.stop();
    await pools.destroyAll();
  }
}

interface Schedule {
  total: number;
  intervalMs: number;
  maxInFlight: number;
  maxConnectionsPerTarget: number;
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
  const positiveInteger = (option: string, value: number): number => {
    if (!(Number.isInteger(value) && value > 0)) throw new LoadOptionsError(option, `must be an integer > 0, got ${value}`);
    return value;
  };
  const maxInFlight = positiveInteger('maxInFlight', options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const maxConnectionsPerTarget = positiveInteger(
    'maxConnectionsPerTarget',
    options.maxConnectionsPerTarget ?? DEFAULT_MAX_CONNECTIONS_PER_TARGET,
  );
  const progressIntervalMs = options.progressIntervalMs ?? DEFAULT_PROGRESS_INTERVAL_MS;
  if (!(Number.isFinite(progressIntervalMs) && progressIntervalMs > 0)) {
    throw new LoadOptionsError('progressIntervalMs', `must be a finite number > 0, got ${progressIntervalMs}`);
  }
  // Arrival i is at i * 1000 / rate, and only arrivals strictly before durationMs belong to the run;
  // the epsilon keeps 500/s over 1000 ms at exactly 500 despite floating point.
  const total = Math.ceil((ratePerSec * durationMs) / 1000 - 1e-9);
  return { total, intervalMs: 1000 / ratePerSec, maxInFlight, maxConnectionsPerTarget, progressIntervalMs };
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
  #resolve!: (result: LoadResult) => void;
  #reject!: (error: unknown) => void;
  #startedAt = epochNow();
  #ticker: ArrivalTicker | undefined;
  #progress: ProgressTicker | undefined;
  #next = 0;
  #sent = 0;
  #completed = 0;
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
  }

  async start(): Promise<void> {
    const { signal } = this.#options;
    signal?.addEventListener('abort', this.#abort, { once: true });
    if (signal?.aborted) {
      this.#abort();
      return;
    }
    const ticker = await startArrivalTicker(this.#schedule.intervalMs, this.#schedule.total, this.#onDue, this.#fail);
    this.#ticker = ticker;
    if (this.#stopped) return;
    this.#startedAt = ticker.startedAt;
    this.#progress = startProgressTicker(this.#options.onProgress, this.#schedule.progressIntervalMs, this.#readProgress, this.#fail);
  }

  /** Idempotent; releases the ticker thread, the progress timer and the abort listener. */
  async stop(): Promise<void> {
    this.#halt();
    await this.#ticker?.stop();
  }

  #halt(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#options.signal?.removeEventListener('abort', this.#abort);
    this.#progress?.stop();
    void this.#ticker?.stop();
  }

  readonly #onDue = (due: number): void => {
    if (this.#stopped) return;
    try {
      // Arrivals are fired by index, so a busy moment on this thread delays them (visible in
      // sentAt) but never skips or merges them.
      while (this.#next <= due) {
        const index = this.#next++;
        this.#fire(index, this.#startedAt + index * this.#schedule.intervalMs);
      }
    } catch (error) {
      this.#fail(error);
      return;
    }
    if (this.#next >= this.#schedule.total) this.#finishIfIdle();
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
    this.#halt();
    this.#resolve(summarizeRun(this.#records, this.#startedAt, epochNow(), false));
  }

  readonly #abort = (): void => {
    if (this.#stopped) return;
    this.#halt();
    this.#endInFlight();
    this.#resolve(summarizeRun(this.#records, this.#startedAt, epochNow(), true));
  };

  readonly #fail = (error: unknown): void => {
    if (this.#stopped) return;
    this.#halt();
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

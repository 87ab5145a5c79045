import { epochNow } from './clock.ts';
import { BurstExchange } from './burst-exchange.ts';
import { LoadOptionsError } from './errors.ts';
import { serializeRequest } from './http1-request.ts';
import { pendingRecord } from './record.ts';
import { checkRequestSpec, resolveCaptureSettings, TargetResolver } from './request-spec.ts';
import type { RequestRecord, RequestSpec, ResponseCaptureOptions } from './types.ts';

export interface BurstOptions extends ResponseCaptureOptions {
  /**
   * Pause between "every socket is connected" and the barrier. Our 'connect' only proves the kernel
   * finished the handshake; this gives each server time to accept() its connections, so none of them
   * is still in a listen backlog when the requests land. Default: 50 ms.
   */
  settleMs?: number;
}

const DEFAULT_SETTLE_MS = 50;

/**
 * Barrier-released burst. Every request gets its own connected keep-alive socket first; then, after
 * `settleMs`, all requests are written in one synchronous loop (one write syscall each), so they arrive
 * together. Records come back in request order. `timeoutMs` bounds the connect and, separately, each
 * response. Per-request failures become records; only bad options throw.
 */
export async function burst(requests: RequestSpec[], options: BurstOptions = {}): Promise<RequestRecord[]> {
  const settings = resolveCaptureSettings(options);
  const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
  if (!(Number.isFinite(settleMs) && settleMs >= 0)) {
    throw new LoadOptionsError('settleMs', `must be a finite number >= 0, got ${settleMs}`);
  }
  if (!Array.isArray(requests) || requests.length === 0) {
    throw new LoadOptionsError('requests', 'must be a non-empty array of RequestSpec');
  }
  const targets = new TargetResolver();
  const exchanges = requests.map((spec, index) => {
    checkRequestSpec(spec, 'requests', index);
    const target = targets.resolve(spec.target, 'requests', index);
    const record = pendingRecord(index, spec, epochNow());
    return new BurstExchange(record, target, serializeRequest(spec, target), spec.method ?? 'GET', settings);
  });

  const { signal } = options;
  const abortAll = (): void => {
    for (const exchange of exchanges) exchange.end('aborted');
  };
  signal?.addEventListener('abort', abortAll, { once: true });
  try {
    if (signal?.aborted) abortAll();
    for (const exchange of exchanges) exchange.connect();
    await Promise.all(exchanges.map((exchange) => exchange.ready));
    await sleepUnlessAborted(settleMs, signal);
    const barrierAt = epochNow();
    for (const exchange of exchanges) exchange.write(barrierAt);
    for (const exchange of exchanges) exchange.startResponseTimeout();
    await Promise.all(exchanges.map((exchange) => exchange.settled));
  } finally {
    signal?.removeEventListener('abort', abortAll);
    abortAll();
  }
  return exchanges.map((exchange) => exchange.record);
}

function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

import type { Dispatcher } from 'undici';
import { BodyCapture } from './body-capture.ts';
import { delayUntil, epochNow } from './clock.ts';
import { ExchangeEndedError, shortErrorCode } from './error-code.ts';
import type { CaptureSettings } from './request-spec.ts';
import type { RequestRecord, RequestSpec } from './types.ts';

type IncomingHeaders = Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2];

/**
 * One request through an undici dispatcher, written against undici's handler API so no response
 * stream is created. It settles exactly once (response end, error, timeout or `end()`), and whatever
 * undici reports after that is ignored.
 */
export class UndiciExchange implements Dispatcher.DispatchHandler {
  readonly record: RequestRecord;
  readonly #settings: CaptureSettings;
  readonly #onSettled: (exchange: UndiciExchange) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #timer: NodeJS.Timeout | undefined;
  #body: BodyCapture | undefined;
  #deadline = 0;
  #settled = false;

  constructor(record: RequestRecord, settings: CaptureSettings, onSettled: (exchange: UndiciExchange) => void) {
    this.record = record;
    this.#settings = settings;
    this.#onSettled = onSettled;
  }

  start(dispatcher: Dispatcher, spec: RequestSpec): void {
    this.record.sentAt = epochNow();
    this.#deadline = this.record.sentAt + this.#settings.timeoutMs;
    this.#timer = setTimeout(UndiciExchange.#onTimer, this.#settings.timeoutMs, this);
    dispatcher.dispatch(
      { path: spec.path, method: spec.method ?? 'GET', headers: spec.headers, body: spec.body ?? null },
      this,
    );
  }

  /** Ends it from outside ('timeout', 'aborted'); the request is cancelled if it was already written. */
  end(code: string): void {
    if (this.#settled) return;
    if (this.record.status === 0) this.record.receivedAt = epochNow();
    this.#settle(code);
    this.#controller?.abort(new ExchangeEndedError(code));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.#settled) {
      controller.abort(new ExchangeEndedError(this.record.error ?? 'aborted'));
      return;
    }
    this.#controller = controller;
    // The socket is connected and the request is about to be written: the honest send time.
    this.record.sentAt = epochNow();
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHeaders): void {
    if (this.#settled) return;
    this.record.receivedAt = epochNow();
    this.record.status = statusCode;
    for (const name of this.#settings.captureHeaders) {
      const value = headers[name];
      if (value !== undefined) this.record.headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (this.#settings.captureBody) this.#body = new BodyCapture(this.#settings.maxBodyBytes);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.#body?.add(chunk);
  }

  onResponseEnd(): void {
    this.#settle(undefined);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#settled) return;
    if (this.record.status === 0) this.record.receivedAt = epochNow();
    this.#settle(shortErrorCode(error));
  }

  static #onTimer(exchange: UndiciExchange): void {
    if (exchange.#settled) return;
    if (epochNow() >= exchange.#deadline) exchange.end('timeout');
    else exchange.#timer = setTimeout(UndiciExchange.#onTimer, delayUntil(exchange.#deadline), exchange);
  }

  #settle(code: string | undefined): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    if (code !== undefined) this.record.error = code;
    if (this.#body) this.record.body = this.#body.text();
    this.#onSettled(this);
  }
}

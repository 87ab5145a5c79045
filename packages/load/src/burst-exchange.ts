import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { BodyCapture } from './body-capture.ts';
import { delayUntil, epochNow } from './clock.ts';
import { Http1ResponseParser } from './http1-response-parser.ts';
import type { ResponseHead } from './http1-response-parser.ts';
import type { CaptureSettings, ResolvedTarget } from './request-spec.ts';
import type { RequestRecord } from './types.ts';

/**
 * One request of a burst on its own raw socket: connect first, write later (at the barrier), read one
 * response, close. It settles exactly once; `settled` never rejects.
 */
export class BurstExchange {
  readonly record: RequestRecord;
  /** Resolves once the socket is connected or the exchange has settled (failed to connect). */
  readonly ready: Promise<void>;
  readonly settled: Promise<void>;
  readonly #target: ResolvedTarget;
  readonly #request: Buffer;
  readonly #settings: CaptureSettings;
  readonly #parser: Http1ResponseParser;
  #socket: Socket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #body: BodyCapture | undefined;
  #deadline = 0;
  #connected = false;
  #written = false;
  #isSettled = false;
  #markReady!: () => void;
  #markSettled!: () => void;

  constructor(record: RequestRecord, target: ResolvedTarget, request: Buffer, method: string, settings: CaptureSettings) {
    this.record = record;
    this.#target = target;
    this.#request = request;
    this.#settings = settings;
    this.#parser = new Http1ResponseParser(
      { onHead: (head) => this.#onHead(head), onBody: (chunk) => this.#body?.add(chunk), onComplete: () => this.#settle(undefined) },
      method === 'HEAD',
    );
    this.ready = new Promise((resolve) => (this.#markReady = resolve));
    this.settled = new Promise((resolve) => (this.#markSettled = resolve));
  }

  connect(): void {
    if (this.#isSettled) return;
    const startedAt = epochNow();
    this.record.scheduledAt = this.record.sentAt = this.record.receivedAt = startedAt;
    this.#armTimeout(startedAt + this.#settings.timeoutMs);
    const socket = connect({ host: this.#target.hostname, port: this.#target.port, noDelay: true });
    this.#socket = socket;
    socket.on('connect', () => {
      this.#connected = true;
      clearTimeout(this.#timer);
      this.#markReady();
    });
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => this.#fail(error.code ?? 'error'));
    socket.on('close', () => this.#onClose());
  }

  /** The barrier: one synchronous write of the whole request on the connected socket, nothing else. */
  write(barrierAt: number): void {
    if (!this.#connected || this.#isSettled || !this.#socket) return;
    this.#written = true;
    this.record.scheduledAt = barrierAt;
    this.record.sentAt = epochNow();
    this.#socket.write(this.#request);
  }

  /** Called right after the barrier loop, to keep timer setup out of it. */
  startResponseTimeout(): void {
    if (!this.#written || this.#isSettled) return;
    this.#armTimeout(this.record.sentAt + this.#settings.timeoutMs);
  }

  /** Ends it from outside ('timeout', 'aborted') and closes the socket. */
  end(code: string): void {
    this.#fail(code);
  }

  #armTimeout(deadline: number): void {
    clearTimeout(this.#timer);
    this.#deadline = deadline;
    this.#timer = setTimeout(this.#onTimer, delayUntil(deadline));
  }

  readonly #onTimer = (): void => {
    if (epochNow() >= this.#deadline) this.end('timeout');
    else this.#timer = setTimeout(this.#onTimer, delayUntil(this.#deadline));
  };

  #onHead(head: ResponseHead): void {
    this.record.receivedAt = epochNow();
    this.record.status = head.status;
    const wanted = this.#settings.captureHeaders;
    for (const [name, value] of head.headers) {
      if (!wanted.includes(name)) continue;
      const previous = this.record.headers[name];
      this.record.headers[name] = previous === undefined ? value : `${previous}, ${value}`;
    }
    if (this.#settings.captureBody) this.#body = new BodyCapture(this.#settings.maxBodyBytes);
  }

  #onData(chunk: Buffer): void {
    if (this.#isSettled) return;
    try {
      this.#parser.push(chunk);
    } catch {
      this.#fail('bad-response');
    }
  }

  #onClose(): void {
    if (this.#isSettled) return;
    if (this.#written && this.#parser.endOfInput()) return;
    this.#fail(this.record.status > 0 ? 'incomplete-body' : 'socket-closed');
  }

  #fail(code: string): void {
    if (this.#isSettled) return;
    if (this.record.status === 0) this.record.receivedAt = epochNow();
    this.#settle(code);
  }

  #settle(code: string | undefined): void {
    if (this.#isSettled) return;
    this.#isSettled = true;
    clearTimeout(this.#timer);
    if (code !== undefined) this.record.error = code;
    if (this.#body) this.record.body = this.#body.text();
    // One request per connection: once it is settled the socket has no further use.
    this.#socket?.destroy();
    this.#markReady();
    this.#markSettled();
  }
}

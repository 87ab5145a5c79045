/** The response could not be parsed; the record gets error 'bad-response'. */
export class ResponseParseError extends Error {
  override readonly name = 'ResponseParseError';
}

export interface ResponseHead {
  status: number;
  /** Lower-cased names, in arrival order; repeated headers appear repeatedly. */
  headers: Array<[string, string]>;
}

export interface ResponseParserEvents {
  /** The final (non-1xx) head is complete. */
  onHead(head: ResponseHead): void;
  onBody(chunk: Buffer): void;
  onComplete(): void;
}

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;
const MAX_CHUNK_LINE_BYTES = 4096;
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/;

type State =
  | { kind: 'head' }
  | { kind: 'length'; remaining: number }
  | { kind: 'chunk-size' }
  | { kind: 'chunk-data'; remaining: number }
  | { kind: 'chunk-data-end' }
  | { kind: 'trailers' }
  | { kind: 'until-close' }
  | { kind: 'done' };

/**
 * A minimal incremental HTTP/1.1 response parser (status line, headers, then a Content-Length, chunked
 * or read-until-close body) for exactly one response per connection. Input may be split anywhere.
 */
export class Http1ResponseParser {
  readonly #events: ResponseParserEvents;
  readonly #isHeadRequest: boolean;
  #state: State = { kind: 'head' };
  /** Bytes of an unfinished head or chunk-size/trailer line. */
  #pending: Buffer = Buffer.alloc(0);

  constructor(events: ResponseParserEvents, isHeadRequest: boolean) {
    this.#events = events;
    this.#isHeadRequest = isHeadRequest;
  }

  /** Throws ResponseParseError on malformed input. */
  push(chunk: Buffer): void {
    let data = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = Buffer.alloc(0);
    while (data.length > 0 && this.#state.kind !== 'done') {
      data = this.#step(data);
    }
  }

  /** The connection closed: true when that completes the response (a read-until-close body). */
  endOfInput(): boolean {
    if (this.#state.kind === 'until-close') {
      this.#finish();
      return true;
    }
    return this.#state.kind === 'done';
  }

  /** Consumes from `data` and returns the rest; stashes an unfinished line in #pending. */
  #step(data: Buffer): Buffer {
    const state = this.#state;
    switch (state.kind) {
      case 'head': {
        const end = data.indexOf(HEAD_END);
        if (end < 0) return this.#stash(data, MAX_HEAD_BYTES, 'response head');
        this.#onHeadBlock(data.subarray(0, end).toString('latin1'));
        return data.subarray(end + HEAD_END.length);
      }
      case 'length':
      case 'chunk-data': {
        const taken = Math.min(state.remaining, data.length);
        this.#events.onBody(data.subarray(0, taken));
        state.remaining -= taken;
        if (state.remaining === 0) {
          if (state.kind === 'length') this.#finish();
          else this.#state = { kind: 'chunk-data-end' };
        }
        return data.subarray(taken);
      }
      case 'chunk-size': {
        const end = data.indexOf(CRLF);
        if (end < 0) return this.#stash(data, MAX_CHUNK_LINE_BYTES, 'chunk size line');
        const sizeText = data.subarray(0, end).toString('latin1').split(';', 1)[0]!.trim();
        if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) throw new ResponseParseError(`bad chunk size ${JSON.stringify(sizeText)}`);
        const size = Number.parseInt(sizeText, 16);
        this.#state = size === 0 ? { kind: 'trailers' } : { kind: 'chunk-data', remaining: size };
        return data.subarray(end + CRLF.length);
      }
      case 'chunk-data-end': {
        if (data.length < CRLF.length) return this.#stash(data, CRLF.length, 'chunk end');
        if (!data.subarray(0, CRLF.length).equals(CRLF)) throw new ResponseParseError('chunk data not followed by CRLF');
        this.#state = { kind: 'chunk-size' };
        return data.subarray(CRLF.length);
      }
      case 'trailers': {
        const end = data.indexOf(CRLF);
        if (end < 0) return this.#stash(data, MAX_HEAD_BYTES, 'trailers');
        // Trailer lines are skipped; the empty line ends the message.
        if (end === 0) this.#finish();
        return data.subarray(end + CRLF.length);
      }
      case 'until-close':
        this.#events.onBody(data);
        return data.subarray(data.length);
      case 'done':
        return data.subarray(data.length);
    }
  }

  #stash(data: Buffer, limit: number, what: string): Buffer {
    if (data.length > limit) throw new ResponseParseError(`${what} longer than ${limit} bytes`);
    this.#pending = Buffer.from(data);
    return data.subarray(data.length);
  }

  #onHeadBlock(block: string): void {
    const [statusLine = '', ...headerLines] = block.split('\r\n');
    const match = STATUS_LINE.exec(statusLine);
    if (!match) throw new ResponseParseError(`bad status line ${JSON.stringify(statusLine.slice(0, 100))}`);
    const status = Number(match[1]);
    const headers: Array<[string, string]> = [];
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new ResponseParseError(`bad header line ${JSON.stringify(line.slice(0, 100))}`);
      headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
    }
    // 1xx heads (100 Continue, 103 Early Hints) precede the real response; 101 would switch protocols.
    if (status >= 100 && status < 200 && status !== 101) return;
    this.#events.onHead({ status, headers });
    this.#state = this.#bodyState(status, headers);
    if (this.#state.kind === 'done') this.#events.onComplete();
  }

  #bodyState(status: number, headers: Array<[string, string]>): State {
    if (this.#isHeadRequest || status === 101 || status === 204 || status === 304) return { kind: 'done' };
    const transferEncoding = headerValues(headers, 'transfer-encoding');
    if (transferEncoding.length > 0) {
      const codings = transferEncoding.join(',').split(',').map((coding) => coding.trim().toLowerCase());
      if (codings.at(-1) === 'chunked') return { kind: 'chunk-size' };
      return { kind: 'until-close' };
    }
    const contentLength = headerValues(headers, 'content-length');
    if (contentLength.length > 0) {
      const distinct = new Set(contentLength.flatMap((value) => value.split(',')).map((value) => value.trim()));
      const [only] = distinct;
      if (distinct.size !== 1 || only === undefined || !/^\d{1,15}$/.test(only)) {
        throw new ResponseParseError(`bad content-length ${JSON.stringify(contentLength.join(', '))}`);
      }
      const length = Number(only);
      return length === 0 ? { kind: 'done' } : { kind: 'length', remaining: length };
    }
    return { kind: 'until-close' };
  }

  #finish(): void {
    this.#state = { kind: 'done' };
    this.#events.onComplete();
  }
}

function headerValues(headers: Array<[string, string]>, name: string): string[] {
  return headers.filter(([headerName]) => headerName === name).map(([, value]) => value);
}

/** One HTTP request to make. */
export interface RequestSpec {
  /** Origin only, e.g. "http://127.0.0.1:4001" (plain http). */
  target: string;
  /** Starts with "/", may carry a query string. */
  path: string;
  /** Default "GET". */
  method?: string;
  /**
   * Extra request headers. Host may be overridden; content-length, transfer-encoding, connection,
   * keep-alive and upgrade are managed by the generator and rejected here.
   */
  headers?: Record<string, string>;
  body?: string;
  /** Free label (e.g. the API key), copied to the record so results can be grouped by it. */
  tag?: string;
}

/** What happened to one request. All times are epoch ms from the monotonic clock (see `epochNow`). */
export interface RequestRecord {
  index: number;
  tag?: string;
  target: string;
  path: string;
  /**
   * When the request was meant to go: the arrival time in an open loop, the barrier in a burst, the
   * hand-off in a closed loop. Latency is measured from here, so a late generator cannot hide server
   * slowness (coordinated omission).
   */
  scheduledAt: number;
  /** When the request was written to an already-connected socket (or when it failed, if it never was). */
  sentAt: number;
  /** When the response head was parsed, or when the error happened. */
  receivedAt: number;
  /** HTTP status; 0 when no response head arrived (transport error, timeout, abort, dropped). */
  status: number;
  /**
   * Short code: 'timeout' | 'aborted' | 'generator-saturated' | 'ECONNREFUSED' | 'ECONNRESET' |
   * 'socket-closed' | 'bad-response' | ... . A record may carry a status AND an error when the head
   * arrived but the body did not complete.
   */
  error?: string;
  /** Only the captured headers, lower-cased names; repeated headers are joined with ", ". */
  headers: Record<string, string>;
  /** Only when body capture is on; the first `maxBodyBytes` bytes decoded as UTF-8. */
  body?: string;
}

/** Milliseconds. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  /** In index order; includes dropped, failed and aborted requests. */
  records: RequestRecord[];
  /** Epoch ms when the run began (the first scheduled arrival). */
  startedAt: number;
  /** From `startedAt` until the last request settled. */
  durationMs: number;
  /** Requests handed to the network (excludes 'generator-saturated' drops). */
  sent: number;
  /** Requests that got a full response without error. */
  completed: number;
  /** Sent requests that ended with an error (timeout, transport error, abort). */
  errors: number;
  /** Open loop only: arrivals the generator refused because `maxInFlight` was reached. */
  dropped: number;
  /** Count per HTTP status ("200", "429", ...), over every record that got a response head. */
  byStatus: Record<string, number>;
  /** Count per error code ("timeout", "ECONNREFUSED", "generator-saturated", ...). */
  byError: Record<string, number>;
  /** receivedAt - scheduledAt over the records with a response head. */
  latency: LatencySummary;
  /** sentAt - scheduledAt over sent records: this process busy, or every connection to the target taken. */
  sendLateness: LatencySummary;
  /** True when the run was cut short by its abort signal. */
  aborted: boolean;
}

export interface LoadProgress {
  sent: number;
  completed: number;
  elapsedMs: number;
}

/** Options shared by every way of sending. */
export interface ResponseCaptureOptions {
  /** Response header names to copy into each record (case-insensitive). Default: none. */
  captureHeaders?: string[];
  /** Keep the response body in each record. Default: false. */
  captureBody?: boolean;
  /** Cap on captured body bytes per record. Default: 4096. */
  maxBodyBytes?: number;
  /** Per request, from hand-off until the response has ended (connect time included). Default: 10_000 ms. */
  timeoutMs?: number;
  /**
   * Stops the run: nothing new is sent, requests in flight end with error 'aborted', and the call
   * resolves with what happened so far (`aborted: true`) rather than rejecting.
   */
  signal?: AbortSignal;
}

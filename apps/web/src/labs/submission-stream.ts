// Follows one submission's grading: the API's event stream (stored history first, then live events,
// then one `result` frame and the end of the stream). A stream cut before its result is reopened after
// the last event seen, so nothing is shown twice and nothing is missed.
import { gradingEventSchema, storedEventSchema, submissionViewSchema } from './api-schemas.ts';
import type { GradingEvent, SubmissionView } from './api-schemas.ts';
import { LabApiError } from './lab-api.ts';
import type { LabApi } from './lab-api.ts';
import { createSseParser } from './sse-parser.ts';

export interface StreamHandlers {
  /** A grading event, in order, with the stream cursor and the attempt it belongs to. */
  onEvent(event: GradingEvent, meta: { id: number; attempt: number }): void;
  /** The finished submission; the stream is over. */
  onResult(submission: SubmissionView): void;
  /** The stream could not be followed (gone, or too many failed reconnects); the grading may go on. */
  onError(error: LabApiError): void;
}

export interface FollowOptions {
  /** Resume after this event id. Default 0 (from the start). */
  after?: number;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Reconnects in a row that bring nothing new before giving up. Default 8. */
  maxReconnects?: number;
  /** Wait before a reconnect. Default 1000 ms. */
  reconnectDelayMs?: number;
  /** Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface SubmissionStream {
  close(): void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function followSubmission(api: LabApi, submissionId: string, handlers: StreamHandlers, options: FollowOptions = {}): SubmissionStream {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const maxReconnects = options.maxReconnects ?? 8;
  const reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  const sleep = options.sleep ?? defaultSleep;
  const abort = new AbortController();
  let lastId = options.after ?? 0;
  let done = false;

  /** Reads one connection until it ends: `finished` once the result came, `progressed` when new events did. */
  async function readOnce(): Promise<{ finished: boolean; progressed: boolean }> {
    const response = await fetchImpl(api.eventsUrl(submissionId, lastId), { headers: { accept: 'text/event-stream' }, signal: abort.signal });
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => undefined);
      const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
      throw new LabApiError(response.status, 'stream-refused', typeof message === 'string' ? message : `the event stream answered ${response.status}`);
    }
    if (!response.body) throw new LabApiError(response.status, 'stream-refused', 'the event stream has no body');
    const parser = createSseParser();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let progressed = false;
    try {
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) return { finished: false, progressed };
        for (const message of parser.push(value)) {
          if (message.event === 'progress') {
            const stored = storedEventSchema.safeParse(JSON.parse(message.data));
            if (!stored.success || stored.data.id <= lastId) continue;
            lastId = stored.data.id;
            progressed = true;
            const event = gradingEventSchema.safeParse(stored.data.event);
            if (event.success) handlers.onEvent(event.data, { id: stored.data.id, attempt: stored.data.attempt });
          } else if (message.event === 'result') {
            const submission = submissionViewSchema.safeParse(JSON.parse(message.data));
            if (!submission.success) throw new LabApiError(200, 'unexpected-response', `unexpected result from the event stream: ${submission.error.issues[0]?.message ?? ''}`);
            done = true;
            handlers.onResult(submission.data);
            return { finished: true, progressed: true };
          }
        }
      }
    } finally {
      reader.releaseLock();
    }
  }

  void (async () => {
    let idle = 0;
    while (!done && !abort.signal.aborted) {
      try {
        const { finished, progressed } = await readOnce();
        if (finished) return;
        idle = progressed ? 0 : idle + 1;
      } catch (error) {
        if (abort.signal.aborted) return;
        if (error instanceof LabApiError && error.status >= 400 && error.status < 500) {
          handlers.onError(error);
          return;
        }
        idle += 1;
      }
      if (idle > maxReconnects) {
        handlers.onError(new LabApiError(0, 'stream-lost', 'lost the live progress of this grading; it goes on: open it from the history to see its report'));
        return;
      }
      await sleep(reconnectDelayMs);
    }
  })();

  return {
    close() {
      done = true;
      abort.abort();
    },
  };
}

// Main-thread side of the analysis worker. Edits arrive faster than a large design can be analysed,
// so at most one request is in flight and only the newest waiting one is kept: the canvas always
// converges on the latest draft without queueing stale work.
import type { DesignDocument } from '@archlab/sim';
import type { AnalysisOutcome, AnalysisReplyMessage, AnalysisRequestOptions, AnalyzeMessage } from './analysis-protocol.ts';
import type { WorkerPort } from './worker-port.ts';

export type AnalysisUpdate = {
  /** The tag given with the request (the editor's engine revision). */
  tag: number;
  /** Time spent in the engine, ms. */
  engineMs: number;
} & (AnalysisOutcome | { ok: false; failure: string });

export interface AnalysisClient {
  request(design: DesignDocument, options: AnalysisRequestOptions, tag: number): void;
  /** True while a request is in flight or waiting. */
  busy(): boolean;
  destroy(): void;
}

export function createAnalysisClient(port: WorkerPort<AnalyzeMessage, AnalysisReplyMessage>, onUpdate: (update: AnalysisUpdate) => void): AnalysisClient {
  let nextId = 1;
  let inFlight: { id: number; tag: number } | null = null;
  let waiting: { design: DesignDocument; options: AnalysisRequestOptions; tag: number } | null = null;
  let destroyed = false;

  const send = (design: DesignDocument, options: AnalysisRequestOptions, tag: number) => {
    const id = nextId++;
    inFlight = { id, tag };
    port.postMessage({ kind: 'analyze', id, design, options });
  };

  const onMessage = (event: MessageEvent<AnalysisReplyMessage>) => {
    const reply = event.data;
    if (destroyed || !inFlight || reply.id !== inFlight.id) return;
    const tag = inFlight.tag;
    inFlight = null;
    if (waiting) {
      const next = waiting;
      waiting = null;
      send(next.design, next.options, next.tag);
    }
    if (reply.kind === 'failure') onUpdate({ tag, engineMs: 0, ok: false, failure: reply.message });
    else if (reply.ok) onUpdate({ tag, engineMs: reply.elapsedMs, ok: true, result: reply.result });
    else onUpdate({ tag, engineMs: reply.elapsedMs, ok: false, issues: reply.issues });
  };
  port.addEventListener('message', onMessage);

  return {
    request(design, options, tag) {
      if (destroyed) return;
      if (inFlight) waiting = { design, options, tag };
      else send(design, options, tag);
    },
    busy: () => inFlight !== null || waiting !== null,
    destroy() {
      destroyed = true;
      port.removeEventListener('message', onMessage);
      port.terminate();
    },
  };
}

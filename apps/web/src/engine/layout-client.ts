// Main-thread side of the layout worker: one promise per request.
import type { LayoutReplyMessage, LayoutRequestMessage } from './layout-protocol.ts';
import { EngineFailureError } from './simulation-client.ts';
import type { WorkerPort } from './worker-port.ts';

export interface LayoutClient {
  layout(nodes: LayoutRequestMessage['nodes'], edges: LayoutRequestMessage['edges']): Promise<Map<string, { x: number; y: number }>>;
  destroy(): void;
}

export function createLayoutClient(port: WorkerPort<LayoutRequestMessage, LayoutReplyMessage>): LayoutClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (positions: Map<string, { x: number; y: number }>) => void; reject: (error: Error) => void }>();
  const onMessage = (event: MessageEvent<LayoutReplyMessage>) => {
    const reply = event.data;
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.kind === 'failure') waiter.reject(new EngineFailureError(`auto-layout failed: ${reply.message}`));
    else waiter.resolve(new Map(Object.entries(reply.positions)));
  };
  port.addEventListener('message', onMessage);
  return {
    layout(nodes, edges) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        port.postMessage({ kind: 'layout', id, nodes, edges });
      });
    },
    destroy() {
      for (const waiter of pending.values()) waiter.reject(new EngineFailureError('the page was closed'));
      pending.clear();
      port.removeEventListener('message', onMessage);
      port.terminate();
    },
  };
}

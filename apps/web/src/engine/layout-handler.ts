// Auto-layout with ELK's layered algorithm: requests flow left to right, as people draw them.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { LayoutReplyMessage, LayoutRequestMessage } from './layout-protocol.ts';
import type { Reply } from './worker-port.ts';

const elk = new ELK();

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '90',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
};

export function handleLayoutMessage(message: LayoutRequestMessage, reply: Reply<LayoutReplyMessage>): void {
  elk
    .layout({
      id: 'root',
      layoutOptions,
      children: message.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
      edges: message.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to] })),
    })
    .then((graph) => {
      const positions: Record<string, { x: number; y: number }> = {};
      for (const child of graph.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
      reply({ kind: 'laid-out', id: message.id, positions });
    })
    .catch((error: unknown) => reply({ kind: 'failure', id: message.id, message: error instanceof Error ? error.message : String(error) }));
}

// A valid 300-component design for the bench: a client and a load balancer in front of 49 service
// branches (cache over a replica, a search index, a queue with its workers), four of which also call
// an external API. Laid out in columns so the whole thing fits on screen.
import type { DesignDocument, EdgeDocument, NodeDocument } from '@archlab/sim';

const BRANCHES = 49;
const EXTERNAL_CALLERS = 4;

export function largeDesign(): DesignDocument {
  const nodes: NodeDocument[] = [
    { id: 'users', type: 'client', position: { x: 0, y: 0 } },
    { id: 'lb', type: 'load-balancer', position: { x: 260, y: 0 } },
  ];
  const edges: EdgeDocument[] = [{ id: 'users-lb', from: 'users', to: 'lb', protocol: 'https' }];
  for (let i = 0; i < BRANCHES; i++) {
    const y = (i - BRANCHES / 2) * 130;
    const at = (column: number, dy = 0) => ({ x: 520 + column * 240, y: y + dy });
    nodes.push(
      { id: `svc-${i}`, type: 'service', props: { instances: 2 }, position: at(0) },
      { id: `cache-${i}`, type: 'cache', props: { instances: 2 }, position: at(1, -30) },
      { id: `replica-${i}`, type: 'read-replica', props: { instances: 2 }, position: at(2, -30) },
      { id: `search-${i}`, type: 'search-index', position: at(1, 30) },
      { id: `queue-${i}`, type: 'message-queue', position: at(2, 30) },
      { id: `workers-${i}`, type: 'worker-pool', position: at(3, 30) },
    );
    edges.push(
      { id: `lb-svc-${i}`, from: 'lb', to: `svc-${i}` },
      { id: `svc-cache-${i}`, from: `svc-${i}`, to: `cache-${i}`, protocol: 'redis' },
      { id: `cache-replica-${i}`, from: `cache-${i}`, to: `replica-${i}`, protocol: 'sql' },
      { id: `svc-search-${i}`, from: `svc-${i}`, to: `search-${i}`, protocol: 'http' },
      { id: `svc-queue-${i}`, from: `svc-${i}`, to: `queue-${i}`, protocol: 'amqp', mode: 'async' },
      { id: `queue-workers-${i}`, from: `queue-${i}`, to: `workers-${i}`, protocol: 'amqp' },
    );
    if (i < EXTERNAL_CALLERS) {
      nodes.push({ id: `payments-${i}`, type: 'external-api', position: at(3, -30) });
      edges.push({ id: `svc-payments-${i}`, from: `svc-${i}`, to: `payments-${i}`, protocol: 'https' });
    }
  }
  return {
    version: 1,
    name: 'Bench: 300 components',
    classes: [{ id: 'read', rate: 2000, source: 'users', kind: 'read' }],
    nodes,
    edges,
  };
}

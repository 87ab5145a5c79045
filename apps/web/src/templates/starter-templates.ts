// Starting points for the sandbox: small, valid designs that show one idea each.
import type { DesignDocument } from '@archlab/sim';

export interface StarterTemplate {
  id: string;
  title: string;
  summary: string;
  design: DesignDocument;
}

const webApp: DesignDocument = {
  version: 1,
  name: 'Web app: load balancer, two API servers, one database',
  classes: [
    { id: 'read', rate: 300, source: 'users', kind: 'read' },
    { id: 'write', rate: 50, source: 'users', kind: 'write' },
  ],
  nodes: [
    { id: 'users', type: 'client', position: { x: 0, y: 80 } },
    { id: 'lb', type: 'load-balancer', position: { x: 260, y: 80 } },
    { id: 'api', type: 'service', props: { instances: 2 }, position: { x: 520, y: 80 } },
    { id: 'db-primary', type: 'sql-primary', position: { x: 780, y: 80 } },
  ],
  edges: [
    { id: 'users-lb', from: 'users', to: 'lb', protocol: 'https' },
    { id: 'lb-api', from: 'lb', to: 'api', protocol: 'http' },
    { id: 'api-db-primary', from: 'api', to: 'db-primary', protocol: 'sql' },
  ],
};

const cachedReads: DesignDocument = {
  version: 1,
  name: 'Cached reads: cache-aside in front of replicas, writes to a primary with a standby',
  classes: [
    { id: 'read', rate: 2000, source: 'users', kind: 'read' },
    { id: 'write', rate: 100, source: 'users', kind: 'write' },
  ],
  nodes: [
    { id: 'users', type: 'client', position: { x: 0, y: 120 } },
    { id: 'lb', type: 'load-balancer', position: { x: 260, y: 120 } },
    { id: 'api', type: 'service', props: { instances: 4, serviceTime: { dist: 'exponential', meanMs: 8 } }, position: { x: 520, y: 120 } },
    { id: 'cache', type: 'cache', props: { instances: 2, hitRatio: 0.9 }, position: { x: 780, y: 0 } },
    { id: 'db-replica', type: 'read-replica', props: { instances: 2 }, position: { x: 1040, y: 0 } },
    { id: 'db-primary', type: 'sql-primary', props: { standbys: 1 }, position: { x: 780, y: 240 } },
  ],
  edges: [
    { id: 'users-lb', from: 'users', to: 'lb', protocol: 'https' },
    { id: 'lb-api', from: 'lb', to: 'api', protocol: 'http' },
    { id: 'api-cache', from: 'api', to: 'cache', protocol: 'redis', classes: ['read'] },
    { id: 'cache-db-replica', from: 'cache', to: 'db-replica', protocol: 'sql', classes: ['read'] },
    { id: 'api-db-primary', from: 'api', to: 'db-primary', protocol: 'sql', classes: ['write'] },
  ],
};

const asyncJobs: DesignDocument = {
  version: 1,
  name: 'Async jobs: accept fast, process through a queue',
  classes: [{ id: 'upload', rate: 200, source: 'users', kind: 'write' }],
  nodes: [
    { id: 'users', type: 'client', position: { x: 0, y: 80 } },
    { id: 'api', type: 'service', props: { instances: 2 }, position: { x: 260, y: 80 } },
    { id: 'queue', type: 'message-queue', position: { x: 520, y: 80 } },
    { id: 'workers', type: 'worker-pool', props: { instances: 4 }, position: { x: 780, y: 80 } },
    { id: 'blobs', type: 'object-store', position: { x: 1040, y: 80 } },
  ],
  edges: [
    { id: 'users-api', from: 'users', to: 'api', protocol: 'https' },
    { id: 'api-queue', from: 'api', to: 'queue', protocol: 'amqp' },
    { id: 'queue-workers', from: 'queue', to: 'workers', protocol: 'amqp' },
    { id: 'workers-blobs', from: 'workers', to: 'blobs', protocol: 'https' },
  ],
};

export const starterTemplates: readonly StarterTemplate[] = [
  { id: 'web-app', title: 'Web app', summary: 'Load balancer, two API servers, one database: find its single point of failure.', design: webApp },
  { id: 'cached-reads', title: 'Cached reads', summary: 'Cache-aside reads over replicas; writes to a primary with a hot standby.', design: cachedReads },
  { id: 'async-jobs', title: 'Async jobs', summary: 'Accept uploads quickly and process them through a queue and a worker pool.', design: asyncJobs },
];

export function findTemplate(id: string): StarterTemplate | undefined {
  return starterTemplates.find((t) => t.id === id);
}

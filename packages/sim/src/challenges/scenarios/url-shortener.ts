// "Design a URL shortener": read-heavy redirects, a trickle of creates, no single point of failure.
import type { Challenge } from '../challenge.ts';

export const urlShortener: Challenge = {
  scenario: {
    version: 1,
    id: 'url-shortener',
    title: 'URL shortener',
    brief: [
      'Short links are created by a few users and followed by many: 4,000 redirects/s and 200 creates/s at peak.',
      'A redirect must feel instant (p99 within 50 ms at the edge of your system) and must survive the loss of any one',
      'server. Creates may be slower. Name the request classes `redirect` (read) and `create` (write).',
    ].join('\n'),
    traffic: {
      classes: [
        { id: 'redirect', rate: 4000, kind: 'read', keys: 100_000 },
        { id: 'create', rate: 200, kind: 'write', keys: 10_000 },
      ],
    },
    simulation: { durationS: 20, warmupS: 3 },
    assumptions: {
      service: { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 4 } },
      'sql-primary': { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 } },
      'read-replica': { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 } },
      cache: { hitRatio: 0.95 },
    },
    slos: [
      { kind: 'latency', class: 'redirect', percentile: 99, maxMs: 50, hint: 'Redirects read one key: serve them from a cache in front of the database.' },
      { kind: 'error-rate', class: 'redirect', max: 0.001 },
      { kind: 'latency', class: 'create', percentile: 99, maxMs: 150 },
      { kind: 'error-rate', class: 'create', max: 0.001 },
      { kind: 'availability', class: 'redirect', min: 0.9995, hint: 'Every box on the redirect path needs a second instance (or a standby).' },
    ],
    budget: { maxMonthlyUsd: 3000 },
    faults: [{ kind: 'any-single-instance', maxErrorRate: 0.001, hint: 'Size each tier so that it still copes with one instance gone, and give the primary a standby.' }],
  },
  reference: {
    version: 1,
    name: 'URL shortener: cache-aside reads, replicated store',
    classes: [
      { id: 'redirect', rate: 4000, source: 'users', kind: 'read' },
      { id: 'create', rate: 200, source: 'users', kind: 'write' },
    ],
    nodes: [
      { id: 'users', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'api', type: 'service', props: { instances: 4, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 4 } } },
      { id: 'redis', type: 'cache', props: { instances: 2, hitRatio: 0.95 } },
      { id: 'replica', type: 'read-replica', props: { instances: 2 } },
      { id: 'primary', type: 'sql-primary', props: { standbys: 1 } },
    ],
    edges: [
      { id: 'users-lb', from: 'users', to: 'lb', protocol: 'https' },
      { id: 'lb-api', from: 'lb', to: 'api' },
      { id: 'api-redis', from: 'api', to: 'redis', protocol: 'redis', classes: ['redirect'] },
      { id: 'redis-replica', from: 'redis', to: 'replica', protocol: 'sql', classes: ['redirect'] },
      { id: 'api-primary', from: 'api', to: 'primary', protocol: 'sql', classes: ['create'] },
    ],
  },
  naive: {
    version: 1,
    name: 'URL shortener: every request hits one database',
    classes: [
      { id: 'redirect', rate: 4000, source: 'users', kind: 'read' },
      { id: 'create', rate: 200, source: 'users', kind: 'write' },
    ],
    nodes: [
      { id: 'users', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'api', type: 'service', props: { instances: 3, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 4 } } },
      { id: 'db', type: 'sql-primary' },
    ],
    edges: [
      { id: 'users-lb', from: 'users', to: 'lb', protocol: 'https' },
      { id: 'lb-api', from: 'lb', to: 'api' },
      { id: 'api-db', from: 'api', to: 'db', protocol: 'sql' },
    ],
  },
  naiveFails: ['slo.redirect-p99', 'slo.redirect-errors', 'slo.create-errors', 'slo.redirect-availability', 'fault.any-single-instance'],
  naiveWhy: 'one database serves every redirect: it saturates (rho 1.31) and drops requests, and it is a single point of failure; three API servers do not survive losing one',
};

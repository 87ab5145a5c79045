// "Design a multi-tenant SaaS backend": one tenant's burst must not hurt the others.
import type { Challenge } from '../challenge.ts';

const classes = [
  { id: 'tenants', rate: 1500, source: 'customers', kind: 'read' as const, keys: 200 },
  { id: 'bigco', rate: 400, source: 'customers', kind: 'read' as const },
];

export const multiTenantSaas: Challenge = {
  scenario: {
    version: 1,
    id: 'multi-tenant-saas',
    title: 'Multi-tenant SaaS with a noisy neighbour',
    brief: [
      '200 small tenants send 1,500 requests/s together. One large tenant, BigCo, normally sends 400/s but runs a',
      'batch import that multiplies its traffic by 6 for 15 s. The small tenants are promised a p99 within 150 ms and',
      'under 0.1 % errors at all times; BigCo may slow down during its own burst. Name the classes `tenants` and `bigco`.',
    ].join('\n'),
    traffic: {
      classes: [
        { id: 'tenants', rate: 1500, kind: 'read', keys: 200 },
        { id: 'bigco', rate: 400, kind: 'read', profile: { kind: 'spike', multiplier: 6, startS: 8, durationS: 15 } },
      ],
    },
    simulation: { durationS: 30, warmupS: 3 },
    assumptions: {
      service: { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 20 } },
      'sql-primary': { concurrency: 32, serviceTime: { dist: 'exponential', meanMs: 5 } },
    },
    slos: [
      { kind: 'latency', class: 'tenants', percentile: 99, maxMs: 150, hint: 'Isolate the large tenant (its own pool, a bulkhead) or cap it with a per-tenant rate limit.' },
      { kind: 'error-rate', class: 'tenants', max: 0.001 },
    ],
    budget: { maxMonthlyUsd: 8000 },
  },
  reference: {
    version: 1,
    name: 'Bulkhead: BigCo gets its own pool',
    classes,
    nodes: [
      { id: 'customers', type: 'client' },
      { id: 'gateway', type: 'api-gateway' },
      { id: 'shared-pool', type: 'service', props: { instances: 6 } },
      { id: 'bigco-pool', type: 'service', props: { instances: 4 } },
      { id: 'db', type: 'sql-primary', props: { standbys: 1, concurrency: 32 } },
    ],
    edges: [
      { id: 'customers-gateway', from: 'customers', to: 'gateway', protocol: 'https' },
      { id: 'gateway-shared', from: 'gateway', to: 'shared-pool', classes: ['tenants'] },
      { id: 'gateway-bigco', from: 'gateway', to: 'bigco-pool', classes: ['bigco'] },
      { id: 'shared-db', from: 'shared-pool', to: 'db', protocol: 'sql' },
      { id: 'bigco-db', from: 'bigco-pool', to: 'db', protocol: 'sql' },
    ],
  },
  naive: {
    version: 1,
    name: 'One shared pool for everyone',
    classes,
    nodes: [
      { id: 'customers', type: 'client' },
      { id: 'gateway', type: 'api-gateway' },
      { id: 'pool', type: 'service', props: { instances: 8 } },
      { id: 'db', type: 'sql-primary', props: { standbys: 1, concurrency: 32 } },
    ],
    edges: [
      { id: 'customers-gateway', from: 'customers', to: 'gateway', protocol: 'https' },
      { id: 'gateway-pool', from: 'gateway', to: 'pool' },
      { id: 'pool-db', from: 'pool', to: 'db', protocol: 'sql' },
    ],
  },
  naiveFails: ['slo.tenants-p99', 'slo.tenants-errors'],
  naiveWhy: 'BigCo\'s sixfold import shares the only pool with everyone (rho 1.22 at peak), so the small tenants queue and are dropped',
};

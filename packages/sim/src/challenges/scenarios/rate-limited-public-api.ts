// "Design a public API that one abusive client cannot take down": per-key rate limiting.
import type { Challenge } from '../challenge.ts';

const classes = [
  { id: 'api', rate: 2000, source: 'internet', kind: 'read' as const, keys: 5000 },
  { id: 'scraper', rate: 3000, source: 'internet', kind: 'read' as const, keys: 2 },
];

export const rateLimitedPublicApi: Challenge = {
  scenario: {
    version: 1,
    id: 'rate-limited-public-api',
    title: 'Rate-limited public API',
    brief: [
      'A public REST API serves 2,000 requests/s from 5,000 API keys (well under 10 requests/s each). Two scraper',
      'keys add 3,000 requests/s on top. Paying customers must keep a p99 under 150 ms and an error rate under 0.5 %;',
      'the scrapers may be refused (HTTP 429). Name the classes `api` and `scraper`.',
    ].join('\n'),
    traffic: {
      classes: [
        { id: 'api', rate: 2000, kind: 'read', keys: 5000 },
        { id: 'scraper', rate: 3000, kind: 'read', keys: 2 },
      ],
    },
    simulation: { durationS: 20, warmupS: 3 },
    assumptions: {
      service: { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 20 } },
      'sql-primary': { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 } },
      cache: { hitRatio: 0.9 },
    },
    slos: [
      { kind: 'latency', class: 'api', percentile: 99, maxMs: 150, hint: 'Refuse what a single key sends beyond its fair share before it reaches the servers.' },
      { kind: 'error-rate', class: 'api', max: 0.005 },
    ],
    budget: { maxMonthlyUsd: 1500, hint: 'Absorbing the scrapers with more servers costs more than limiting them.' },
    constraints: [{ kind: 'max-utilisation', max: 0.85, hint: 'At peak no tier should run above 85 % busy.' }],
  },
  reference: {
    version: 1,
    name: 'Public API behind a per-key token bucket',
    classes,
    nodes: [
      { id: 'internet', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'limiter', type: 'rate-limiter', props: { instances: 2, limitPerKeyRps: 20, burstS: 2 } },
      { id: 'api', type: 'service', props: { instances: 7 } },
      { id: 'redis', type: 'cache', props: { hitRatio: 0.9 } },
      { id: 'db', type: 'sql-primary' },
    ],
    edges: [
      { id: 'internet-lb', from: 'internet', to: 'lb', protocol: 'https' },
      { id: 'lb-limiter', from: 'lb', to: 'limiter' },
      { id: 'limiter-api', from: 'limiter', to: 'api' },
      { id: 'api-redis', from: 'api', to: 'redis', protocol: 'redis' },
      { id: 'redis-db', from: 'redis', to: 'db', protocol: 'sql' },
    ],
  },
  naive: {
    version: 1,
    name: 'Public API, everyone served',
    classes,
    nodes: [
      { id: 'internet', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'api', type: 'service', props: { instances: 7 } },
      { id: 'redis', type: 'cache', props: { hitRatio: 0.9 } },
      { id: 'db', type: 'sql-primary' },
    ],
    edges: [
      { id: 'internet-lb', from: 'internet', to: 'lb', protocol: 'https' },
      { id: 'lb-api', from: 'lb', to: 'api' },
      { id: 'api-redis', from: 'api', to: 'redis', protocol: 'redis' },
      { id: 'redis-db', from: 'redis', to: 'db', protocol: 'sql' },
    ],
  },
  naiveFails: ['slo.api-p99', 'slo.api-errors', 'constraint.max-utilisation'],
  naiveWhy: 'without a per-key limit the two scraper keys push the API tier to rho 1.79, and it drops 43 % of the paying requests',
};

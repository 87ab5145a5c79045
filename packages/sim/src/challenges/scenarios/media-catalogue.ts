// "Design a video streaming catalogue": segments from the edge, catalogue pages from a cache that may fail.
import type { Challenge } from '../challenge.ts';

const classes = [
  { id: 'browse', rate: 1500, source: 'viewers', kind: 'read' as const },
  { id: 'segment', rate: 6000, source: 'viewers', kind: 'read' as const },
];

export const mediaCatalogue: Challenge = {
  scenario: {
    version: 1,
    id: 'media-catalogue',
    title: 'Media catalogue and streaming',
    brief: [
      'Viewers browse the catalogue (1,500 pages/s) and play videos: 6,000 segment requests/s, each a file in',
      'object storage (a ~30 ms read, longer in the tail). The origin region is 40 ms from viewers; a CDN edge is',
      '10 ms away. Segments need a p99 under 80 ms, pages under 150 ms, and the catalogue cache will fail for',
      '10 s during the test. Name the classes `browse` and `segment` (both reads).',
    ].join('\n'),
    traffic: {
      classes: [
        { id: 'browse', rate: 1500, kind: 'read' },
        { id: 'segment', rate: 6000, kind: 'read' },
      ],
    },
    simulation: { durationS: 30, warmupS: 3 },
    assumptions: {
      service: { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 8 } },
      'read-replica': { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 12 } },
      'object-store': { serviceTime: { dist: 'lognormal', meanMs: 30, cv: 1 } },
      cdn: { hitRatio: 0.95 },
      cache: { hitRatio: 0.9 },
    },
    slos: [
      { kind: 'latency', class: 'segment', percentile: 99, maxMs: 100, hint: 'Serve segments from a CDN close to the viewers; only misses should travel to the origin.' },
      { kind: 'error-rate', class: 'segment', max: 0.001 },
      { kind: 'latency', class: 'browse', percentile: 99, maxMs: 150 },
      { kind: 'error-rate', class: 'browse', max: 0.001, hint: 'When the cache is gone every page read reaches the database: it needs the headroom.' },
    ],
    budget: { maxMonthlyUsd: 16_000 },
    faults: [{ kind: 'component-down', type: 'cache', fromS: 12, toS: 22 }],
  },
  reference: {
    version: 1,
    name: 'Segments from the CDN, pages from a cache over read replicas',
    classes,
    nodes: [
      { id: 'viewers', type: 'client' },
      { id: 'cdn', type: 'cdn', props: { hitRatio: 0.95 } },
      { id: 'segments', type: 'object-store' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'catalogue', type: 'service', props: { instances: 3, concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 8 } } },
      { id: 'redis', type: 'cache', props: { hitRatio: 0.9 } },
      { id: 'replicas', type: 'read-replica', props: { instances: 2 } },
    ],
    edges: [
      { id: 'viewers-cdn', from: 'viewers', to: 'cdn', protocol: 'https', latencyMs: 10, classes: ['segment'] },
      { id: 'cdn-segments', from: 'cdn', to: 'segments', protocol: 'https', latencyMs: 30 },
      { id: 'viewers-lb', from: 'viewers', to: 'lb', protocol: 'https', latencyMs: 40, classes: ['browse'] },
      { id: 'lb-catalogue', from: 'lb', to: 'catalogue' },
      { id: 'catalogue-redis', from: 'catalogue', to: 'redis', protocol: 'redis' },
      { id: 'redis-replicas', from: 'redis', to: 'replicas', protocol: 'sql' },
    ],
  },
  naive: {
    version: 1,
    name: 'Everything through the origin',
    classes,
    nodes: [
      { id: 'viewers', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'catalogue', type: 'service', props: { instances: 3, concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 8 } } },
      { id: 'media', type: 'service', props: { instances: 4, concurrency: 16 } },
      { id: 'segments', type: 'object-store' },
      { id: 'redis', type: 'cache', props: { hitRatio: 0.9 } },
      { id: 'replica', type: 'read-replica' },
    ],
    edges: [
      { id: 'viewers-lb', from: 'viewers', to: 'lb', protocol: 'https', latencyMs: 40 },
      { id: 'lb-catalogue', from: 'lb', to: 'catalogue', classes: ['browse'] },
      { id: 'lb-media', from: 'lb', to: 'media', classes: ['segment'] },
      { id: 'media-segments', from: 'media', to: 'segments', protocol: 'https' },
      { id: 'catalogue-redis', from: 'catalogue', to: 'redis', protocol: 'redis' },
      { id: 'redis-replica', from: 'redis', to: 'replica', protocol: 'sql' },
    ],
  },
  naiveFails: ['slo.segment-p99', 'slo.browse-p99', 'slo.browse-errors'],
  naiveWhy: 'every segment travels to the origin and reads object storage (p99 ~200 ms), and one replica cannot absorb the page reads while the cache is down',
};

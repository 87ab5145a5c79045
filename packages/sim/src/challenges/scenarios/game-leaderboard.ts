// "Design a real-time game leaderboard": sorted sets in memory, durable history written behind.
import type { Challenge } from '../challenge.ts';

const classes = [
  { id: 'submit', rate: 1500, source: 'players', kind: 'write' as const },
  { id: 'top', rate: 5000, source: 'players', kind: 'read' as const },
];

export const gameLeaderboard: Challenge = {
  scenario: {
    version: 1,
    id: 'game-leaderboard',
    title: 'Game leaderboard',
    brief: [
      'Players submit 1,500 scores/s and fetch the top 100 5,000 times/s. Reads must be fast (p99 within 20 ms),',
      'submissions acknowledged within 50 ms, and every score must reach durable storage within 2 s (p99).',
      'Name the classes `submit` (write) and `top` (read).',
    ].join('\n'),
    traffic: {
      classes: [
        { id: 'submit', rate: 1500, kind: 'write' },
        { id: 'top', rate: 5000, kind: 'read' },
      ],
    },
    simulation: { durationS: 20, warmupS: 3 },
    assumptions: {
      service: { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 2 } },
      'worker-pool': { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 4 } },
      'sql-primary': { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 } },
    },
    slos: [
      { kind: 'latency', class: 'top', percentile: 99, maxMs: 20, hint: 'Keep the ranking in memory (a sorted set) instead of sorting rows on every read.' },
      { kind: 'error-rate', class: 'top', max: 0.001 },
      { kind: 'latency', class: 'submit', percentile: 99, maxMs: 50 },
      { kind: 'error-rate', class: 'submit', max: 0.001 },
      { kind: 'latency', class: 'submit', percentile: 99, maxMs: 2000, measure: 'completion', hint: 'Persist scores behind a queue so a slow database never blocks the game.' },
    ],
    budget: { maxMonthlyUsd: 3000 },
    faults: [{ kind: 'any-single-instance', maxErrorRate: 0.001 }],
  },
  reference: {
    version: 1,
    name: 'Leaderboard in Redis, history written behind a queue',
    classes,
    nodes: [
      { id: 'players', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'api', type: 'service', props: { instances: 3, concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 2 } } },
      { id: 'ranking', type: 'cache', label: 'Redis sorted set', props: { instances: 2, bypassOnFailure: false } },
      { id: 'scores-queue', type: 'message-queue' },
      { id: 'writers', type: 'worker-pool', props: { instances: 2, concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 4 } } },
      { id: 'history', type: 'sql-primary', props: { standbys: 1 } },
    ],
    edges: [
      { id: 'players-lb', from: 'players', to: 'lb', protocol: 'https' },
      { id: 'lb-api', from: 'lb', to: 'api' },
      { id: 'api-ranking', from: 'api', to: 'ranking', protocol: 'redis' },
      { id: 'ranking-queue', from: 'ranking', to: 'scores-queue', protocol: 'kafka', classes: ['submit'] },
      { id: 'queue-writers', from: 'scores-queue', to: 'writers', protocol: 'kafka' },
      { id: 'writers-history', from: 'writers', to: 'history', protocol: 'sql' },
    ],
  },
  naive: {
    version: 1,
    name: 'Leaderboard as ORDER BY score LIMIT 100',
    classes,
    nodes: [
      { id: 'players', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'api', type: 'service', props: { instances: 3, concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 2 } } },
      { id: 'scores', type: 'sql-primary', props: { standbys: 1 } },
    ],
    edges: [
      { id: 'players-lb', from: 'players', to: 'lb', protocol: 'https' },
      { id: 'lb-api', from: 'lb', to: 'api' },
      { id: 'api-scores', from: 'api', to: 'scores', protocol: 'sql' },
    ],
  },
  naiveFails: ['slo.top-p99', 'slo.top-errors', 'slo.submit-p99', 'slo.submit-errors'],
  naiveWhy: 'every read sorts rows in the SQL database: it saturates at rho 2.03 and drops half of all requests',
};

// "Design chat with push notifications": acknowledge fast, deliver through a queue.
import type { Challenge } from '../challenge.ts';

const classes = [{ id: 'send', rate: 2000, source: 'apps', kind: 'write' as const }];

export const chatNotifications: Challenge = {
  scenario: {
    version: 1,
    id: 'chat-notifications',
    title: 'Chat messages with push notifications',
    brief: [
      'Users send 2,000 chat messages/s. Each is stored, then pushed to the recipient through a third-party push',
      'gateway that takes ~150 ms and sometimes over a second. The sender needs an acknowledgement within 100 ms',
      '(p99); the push must arrive within 3 s (p99); losing any one server must not lose messages.',
      'Name the class `send` (write).',
    ].join('\n'),
    traffic: { classes: [{ id: 'send', rate: 2000, kind: 'write' }] },
    simulation: { durationS: 20, warmupS: 3 },
    assumptions: {
      service: { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 5 } },
      'worker-pool': { concurrency: 8, serviceTime: { dist: 'exponential', meanMs: 4 } },
      'sql-primary': { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 4 } },
      'external-api': { concurrency: 1000, serviceTime: { dist: 'lognormal', meanMs: 150, cv: 1.5 } },
    },
    slos: [
      { kind: 'latency', class: 'send', percentile: 99, maxMs: 100, hint: 'Acknowledge once the message is stored and queued; push from a consumer.' },
      { kind: 'latency', class: 'send', percentile: 99, maxMs: 3000, measure: 'completion' },
      { kind: 'error-rate', class: 'send', max: 0.001 },
    ],
    budget: { maxMonthlyUsd: 3000 },
    faults: [{ kind: 'any-single-instance', maxErrorRate: 0.001 }],
  },
  reference: {
    version: 1,
    name: 'Store, enqueue, acknowledge; workers push',
    classes,
    nodes: [
      { id: 'apps', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'chat-api', type: 'service', props: { instances: 3 } },
      { id: 'messages', type: 'sql-primary', props: { standbys: 1 } },
      { id: 'push-queue', type: 'message-queue' },
      { id: 'pushers', type: 'worker-pool', props: { instances: 3 } },
      { id: 'push-gateway', type: 'external-api' },
    ],
    edges: [
      { id: 'apps-lb', from: 'apps', to: 'lb', protocol: 'https' },
      { id: 'lb-api', from: 'lb', to: 'chat-api' },
      { id: 'api-messages', from: 'chat-api', to: 'messages', protocol: 'sql' },
      { id: 'api-queue', from: 'chat-api', to: 'push-queue', protocol: 'kafka' },
      { id: 'queue-pushers', from: 'push-queue', to: 'pushers', protocol: 'kafka' },
      { id: 'pushers-gateway', from: 'pushers', to: 'push-gateway', protocol: 'https', latencyMs: 20 },
    ],
  },
  naive: {
    version: 1,
    name: 'Store, push, then acknowledge',
    classes,
    nodes: [
      { id: 'apps', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'chat-api', type: 'service', props: { instances: 3 } },
      { id: 'messages', type: 'sql-primary', props: { standbys: 1 } },
      { id: 'push-gateway', type: 'external-api' },
    ],
    edges: [
      { id: 'apps-lb', from: 'apps', to: 'lb', protocol: 'https' },
      { id: 'lb-api', from: 'lb', to: 'chat-api' },
      { id: 'api-messages', from: 'chat-api', to: 'messages', protocol: 'sql' },
      { id: 'api-gateway', from: 'chat-api', to: 'push-gateway', protocol: 'https', latencyMs: 20 },
    ],
  },
  naiveFails: ['slo.send-p99'],
  naiveWhy: 'the push gateway is called inside the request, so its slow tail (~1.1 s p99) becomes the sender\'s p99',
};

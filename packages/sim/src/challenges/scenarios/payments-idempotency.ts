// "Design a payments API": clients retry on timeout, so a charge must never happen twice.
import type { Challenge } from '../challenge.ts';

const classes = [{ id: 'charge', rate: 300, source: 'checkout', kind: 'write' as const }];

const clientEdge = { id: 'checkout-lb', from: 'checkout', to: 'lb', protocol: 'https' as const, timeoutMs: 1000, retries: 2, retryBackoffMs: 100 };

export const paymentsIdempotency: Challenge = {
  scenario: {
    version: 1,
    id: 'payments-idempotency',
    title: 'Payments with idempotency',
    brief: [
      'Checkout sends 300 charges/s. Each is recorded in a ledger and sent to a payment provider whose latency is',
      '~300 ms with a long tail. The checkout client gives up after 1 s and retries twice: keep that edge as it is.',
      'No customer may be charged twice, at most 0.5 % of charges may fail, and p99 must stay within 3 s.',
      'Name the class `charge` (write).',
    ].join('\n'),
    traffic: { classes: [{ id: 'charge', rate: 300, kind: 'write' }] },
    simulation: { durationS: 30, warmupS: 3 },
    assumptions: {
      service: { concurrency: 32, serviceTime: { dist: 'exponential', meanMs: 5 } },
      'sql-primary': { concurrency: 16, serviceTime: { dist: 'exponential', meanMs: 4 } },
      'external-api': { concurrency: 2000, serviceTime: { dist: 'lognormal', meanMs: 300, cv: 1.2 } },
    },
    slos: [
      {
        kind: 'duplicate-rate',
        class: 'charge',
        max: 0,
        hint: 'A retry of a charge must be recognised: accept an idempotency key and make the payment handler idempotent.',
      },
      { kind: 'error-rate', class: 'charge', max: 0.005 },
      { kind: 'latency', class: 'charge', percentile: 99, maxMs: 3000 },
    ],
    budget: { maxMonthlyUsd: 2500 },
    faults: [{ kind: 'any-single-instance', maxErrorRate: 0.005 }],
  },
  reference: {
    version: 1,
    name: 'Idempotent payment handler in front of the ledger and the provider',
    classes,
    nodes: [
      { id: 'checkout', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'payments', type: 'service', props: { instances: 3, idempotent: true } },
      { id: 'ledger', type: 'sql-primary', props: { standbys: 1 } },
      { id: 'provider', type: 'external-api' },
    ],
    edges: [
      clientEdge,
      { id: 'lb-payments', from: 'lb', to: 'payments' },
      { id: 'payments-ledger', from: 'payments', to: 'ledger', protocol: 'sql' },
      { id: 'payments-provider', from: 'payments', to: 'provider', protocol: 'https', latencyMs: 20 },
    ],
  },
  naive: {
    version: 1,
    name: 'Charge on every request',
    classes,
    nodes: [
      { id: 'checkout', type: 'client' },
      { id: 'lb', type: 'load-balancer' },
      { id: 'payments', type: 'service', props: { instances: 3 } },
      { id: 'ledger', type: 'sql-primary', props: { standbys: 1 } },
      { id: 'provider', type: 'external-api' },
    ],
    edges: [
      clientEdge,
      { id: 'lb-payments', from: 'lb', to: 'payments' },
      { id: 'payments-ledger', from: 'payments', to: 'ledger', protocol: 'sql' },
      { id: 'payments-provider', from: 'payments', to: 'provider', protocol: 'https', latencyMs: 20 },
    ],
  },
  naiveFails: ['slo.charge-duplicates'],
  naiveWhy: 'checkout retries charges that time out after 1 s; without idempotency the slow first attempt still charges, so about 4.5 % of charges happen twice',
};

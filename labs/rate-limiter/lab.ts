import { defineLab } from '@archlab/lab-kit';
import { badInputCheck } from './checks/bad-input.ts';
import { burstAcrossInstancesCheck } from './checks/burst-across-instances.ts';
import { contractCheck } from './checks/contract.ts';
import { redisOutageCheck } from './checks/redis-outage.ts';
import { retryAfterHonestCheck } from './checks/retry-after-honest.ts';
import { sharedStateCheck } from './checks/shared-state.ts';
import type { RateLimiterParams } from './checks/support/params.ts';
import { sustainedRateCheck } from './checks/sustained-rate.ts';
import { windowBoundaryCheck } from './checks/window-boundary.ts';

export type { RateLimiterParams };

const quick: RateLimiterParams = {
  limit: 20,
  windowMs: 1000,
  instances: 2,
  toleranceRequests: 1,
  requestTimeoutMs: 2000,
  burst: { keys: 6, requestsPerKey: 60 },
  sharedState: { keys: 2 },
  boundary: { keysPerAlignment: 2 },
  sustained: { keys: 2, windows: 3, overload: 3 },
  retryAfter: { keys: 2 },
  outage: { ratePerSec: 120, beforeMs: 500, downMs: 2000, recoveryMs: 1500, afterMs: 1500, slowMs: 1000 },
};

const full: RateLimiterParams = {
  limit: 50,
  windowMs: 2000,
  instances: 3,
  toleranceRequests: 1,
  requestTimeoutMs: 3000,
  burst: { keys: 16, requestsPerKey: 150 },
  sharedState: { keys: 4 },
  boundary: { keysPerAlignment: 4 },
  sustained: { keys: 8, windows: 5, overload: 3 },
  retryAfter: { keys: 4 },
  // Per key and per instance still above L/W (2 keys over 3 instances), so limiting is visible after the outage.
  outage: { ratePerSec: 300, beforeMs: 1000, downMs: 3000, recoveryMs: 2000, afterMs: 3000, slowMs: 1000 },
};

export default defineLab<RateLimiterParams>({
  id: 'rate-limiter',
  title: 'Distributed rate limiter',
  summary: 'An HTTP service that rate-limits each API key with its state in Redis, correct across several instances, under bursts and through a Redis outage.',
  difficulty: 'intermediate',
  topics: ['rate limiting', 'redis', 'atomicity', 'lua', 'failure modes'],
  root: new URL('.', import.meta.url),
  services: { redis: true },
  candidate: {
    entry: 'src/server.ts',
    instances: (params) => params.instances,
    env: (params) => ({ RATE_LIMIT: String(params.limit), RATE_WINDOW_MS: String(params.windowMs) }),
    healthPath: '/healthz',
    startTimeoutMs: 20_000,
  },
  profiles: {
    quick: { description: 'L=20 per 1 s, 2 instances: a verdict in about 20 s', params: quick },
    full: { description: 'L=50 per 2 s, 3 instances, more keys and longer runs: the exam grade', params: full },
  },
  checks: [
    contractCheck,
    burstAcrossInstancesCheck,
    sharedStateCheck,
    windowBoundaryCheck,
    sustainedRateCheck,
    retryAfterHonestCheck,
    badInputCheck,
    redisOutageCheck,
  ],
});

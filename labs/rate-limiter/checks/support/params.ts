/** Everything a profile tunes. L and W reach the candidate as RATE_LIMIT and RATE_WINDOW_MS. */
export interface RateLimiterParams {
  /** L: requests per window (the bucket's capacity). */
  limit: number;
  /** W: the window in ms (the bucket refills L per W). */
  windowMs: number;
  instances: number;
  /** Admissions allowed above L + L*D/W in any interval of length D (the stated tolerance). */
  toleranceRequests: number;
  /** Per-request timeout of the grader's client; slower counts as not answered. */
  requestTimeoutMs: number;
  burst: { keys: number; requestsPerKey: number };
  sharedState: { keys: number };
  boundary: { keysPerAlignment: number };
  sustained: { keys: number; windows: number; overload: number };
  retryAfter: { keys: number };
  outage: { ratePerSec: number; beforeMs: number; downMs: number; recoveryMs: number; afterMs: number; slowMs: number };
}

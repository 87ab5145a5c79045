import type { RequestRecord } from '@archlab/load';
import type { RateLimiterParams } from './params.ts';

/** The policy: over any interval of length D, at most L + L*D/W admissions (plus the stated tolerance). */
export function allowedWithin(spanMs: number, params: RateLimiterParams): number {
  return Math.floor(params.limit + (params.limit * spanMs) / params.windowMs + params.toleranceRequests);
}

export interface Violation {
  key: string;
  admitted: number;
  spanMs: number;
  allowed: number;
  /** When the offending run of admissions started, as epoch ms (sent time of its first request). */
  from: number;
}

/**
 * The worst breach of the policy among one key's admitted requests, if any. Each decision happened between
 * a request's send and receive times, so the span charged to a run of admissions is the widest it could
 * have been (first send to last receive): measurement noise can only excuse the candidate, never blame them.
 */
export function worstViolation(
  key: string,
  admitted: readonly RequestRecord[],
  params: RateLimiterParams,
  /** Only intervals at least this long are judged (0: every interval). */
  minSpanMs = 0,
): Violation | undefined {
  const sorted = [...admitted].sort((a, b) => a.sentAt - b.sentAt);
  let worst: Violation | undefined;
  for (let i = 0; i < sorted.length; i++) {
    let lastReceive = 0;
    for (let j = i; j < sorted.length; j++) {
      lastReceive = Math.max(lastReceive, sorted[j]!.receivedAt);
      const spanMs = lastReceive - sorted[i]!.sentAt;
      const count = j - i + 1;
      const allowed = allowedWithin(spanMs, params);
      if (spanMs >= minSpanMs && count > allowed && (!worst || count - allowed > worst.admitted - worst.allowed)) {
        worst = { key, admitted: count, spanMs: Math.round(spanMs), allowed, from: sorted[i]!.sentAt };
      }
    }
  }
  return worst;
}

export function describeViolation(violation: Violation, params: RateLimiterParams): string {
  return (
    `key ${violation.key}: ${violation.admitted} admitted within ${violation.spanMs} ms; ` +
    `at most ${violation.allowed} allowed (L=${params.limit}, W=${params.windowMs} ms, tolerance ${params.toleranceRequests})`
  );
}

/** Checks every key and returns the violations, worst first. */
export function violationsByKey(groups: Map<string, RequestRecord[]>, params: RateLimiterParams, minSpanMs = 0): Violation[] {
  const found: Violation[] = [];
  for (const [key, records] of groups) {
    const violation = worstViolation(key, records.filter((r) => r.status === 200), params, minSpanMs);
    if (violation) found.push(violation);
  }
  return found.sort((a, b) => b.admitted - b.allowed - (a.admitted - a.allowed));
}

/**
 * Why one key's one-at-a-time requests never got a 429: a breach of the policy (the candidate's fault), or
 * undefined when the machine was so slow that the refill kept up (nothing to judge: could not grade).
 */
export function explainNoLimit(key: string, records: readonly RequestRecord[], params: RateLimiterParams): string | undefined {
  const violation = worstViolation(key, records.filter((r) => r.status === 200), params);
  return violation && `no 429 after ${records.length} requests one at a time; ${describeViolation(violation, params)}`;
}

import type { CandidateInstance, CheckContext } from '@archlab/lab-kit';
import type { RequestRecord, RequestSpec } from '@archlab/load';

export const rateLimitHeaders = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'retry-after'];

export function ping(instance: CandidateInstance, key: string | undefined, tag = key): RequestSpec {
  return {
    target: instance.origin,
    path: '/api/ping',
    headers: key === undefined ? {} : { 'x-api-key': key },
    ...(tag === undefined ? {} : { tag }),
  };
}

/** Spreads requests over the instances like a load balancer would: request j of key k goes to (j + k) mod n. */
export function spread(instances: readonly CandidateInstance[], keyIndex: number, requestIndex: number): CandidateInstance {
  return instances[(keyIndex + requestIndex) % instances.length]!;
}

export const isAdmitted = (record: RequestRecord) => record.status === 200;
export const isLimited = (record: RequestRecord) => record.status === 429;

/** Responses that are neither 200 nor 429 (including timeouts and refused connections, status 0). */
export function unexpectedResponses(records: readonly RequestRecord[]): RequestRecord[] {
  return records.filter((record) => record.status !== 200 && record.status !== 429);
}

/** "500 after 3 ms", "timeout after 2000 ms": one answer, for messages. */
export function describeAnswer(record: RequestRecord): string {
  return `${record.status || record.error || 'no response'} after ${Math.round(record.receivedAt - record.sentAt)} ms`;
}

/** "200 x 20, 429 x 40, timeout x 2": what came back, for messages. */
export function statusSummary(records: readonly RequestRecord[]): string {
  const counts = new Map<string, number>();
  for (const record of records) {
    const label = record.status === 0 ? (record.error ?? 'no response') : String(record.status);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()].map(([label, count]) => `${label} x ${count}`).join(', ');
}

export function byTag(records: readonly RequestRecord[]): Map<string, RequestRecord[]> {
  const groups = new Map<string, RequestRecord[]>();
  for (const record of records) {
    const tag = record.tag ?? '';
    groups.set(tag, [...(groups.get(tag) ?? []), record]);
  }
  return groups;
}

/** A compact sample of records for evidence: when (ms from `origin`), where, and what came back. */
export function sample(records: readonly RequestRecord[], origin: number, max = 12) {
  return records.slice(0, max).map((record) => ({
    atMs: Math.round(record.sentAt - origin),
    ms: Math.round(record.receivedAt - record.sentAt),
    target: record.target,
    status: record.status,
    ...(record.error ? { error: record.error } : {}),
  }));
}

/**
 * Up to `count` requests for one key to one instance, each sent after the previous answer: no concurrency,
 * so only the limiter's logic and its sharing are under test, never its atomicity. It stops at the first
 * answer that is neither 200 nor 429 (a hung service fails fast, with evidence), and with `untilLimited`
 * at the first 429 (on a busy machine a fixed count can be outpaced by the refill).
 */
export async function oneAtATime(
  ctx: Pick<CheckContext<{ requestTimeoutMs: number }>, 'load' | 'params'>,
  instance: CandidateInstance,
  key: string,
  count: number,
  options: { untilLimited?: boolean } = {},
): Promise<RequestRecord[]> {
  const run = await ctx.load.closedLoop({
    concurrency: 1,
    totalRequests: count,
    makeRequest: () => ping(instance, key),
    captureHeaders: rateLimitHeaders,
    timeoutMs: ctx.params.requestTimeoutMs,
    stopWhen: (record) => (options.untilLimited ? record.status !== 200 : !isAdmitted(record) && !isLimited(record)),
  });
  return run.records;
}

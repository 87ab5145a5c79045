import { CouldNotGradeError, defineCheck, fail, pass, type CheckContext } from '@archlab/lab-kit';
import type { RequestRecord, RequestSpec } from '@archlab/load';
import { describeViolation, violationsByKey } from './support/bound.ts';
import { alignToPhase, nextEpochBoundary, sleepUntil } from './support/clock.ts';
import type { RateLimiterParams } from './support/params.ts';
import { byTag, ping, spread, statusSummary, unexpectedResponses } from './support/ping.ts';

/** Attempts at placing the bursts on both sides of the boundaries before giving up (busy machine). */
const maxAttempts = 3;

interface Attempt {
  records: RequestRecord[];
  clockKeys: string[];
  clockBoundary: number;
  /** A first-hit window ends between these (the first request was decided somewhere in its round trip). */
  firstHitBoundary: { earliest: number; latest: number };
  /** Every "before" burst was answered before its boundary and every "after" burst sent after it. */
  placed: boolean;
}

const latestReceive = (records: RequestRecord[]) => Math.max(...records.map((r) => r.receivedAt));
const earliestSend = (records: RequestRecord[]) => Math.min(...records.map((r) => r.sentAt));

async function burstsAroundBoundaries(ctx: CheckContext<RateLimiterParams>): Promise<Attempt> {
  const { params } = ctx;
  const { limit, windowMs } = params;
  const perGroup = params.boundary.keysPerAlignment;
  const clockKeys = Array.from({ length: perGroup }, (_, k) => `${ctx.rng.token(6)}-clock-${k}`);
  const firstHitKeys = Array.from({ length: perGroup }, (_, k) => `${ctx.rng.token(6)}-firsthit-${k}`);
  const allKeys = [...clockKeys, ...firstHitKeys];
  // "Before" bursts leave early enough to be answered before the boundary even after connecting and the
  // barrier's settle time; the gap between the two bursts is what the policy's L*D/W term allows for.
  const lead = Math.max(150, windowMs * 0.15);
  const lag = Math.max(15, windowMs * 0.02);
  const burstOf = (keys: string[], offset: number): RequestSpec[] =>
    keys.flatMap((key) => {
      const k = allKeys.indexOf(key);
      return Array.from({ length: limit }, (_, j) => ping(spread(ctx.instances, k, j + offset), key));
    });
  const send = (requests: RequestSpec[]) => ctx.load.burst(requests, { timeoutMs: params.requestTimeoutMs });

  // Mid-window on the clock: the clock boundary is W/2 away, each first-hit boundary is W away.
  await alignToPhase(ctx, windowMs, 0.5);
  ctx.progress('first request per key');
  const firstHits = await send(allKeys.map((key, k) => ping(spread(ctx.instances, k, 0), key)));
  const clockBoundary = nextEpochBoundary(windowMs, earliestSend(firstHits));
  const firstHitBoundary = { earliest: earliestSend(firstHits) + windowMs, latest: latestReceive(firstHits) + windowMs };

  await sleepUntil(ctx, clockBoundary - lead);
  ctx.progress(`burst of ${limit} per key just before the clock boundary`, 0.25);
  const clockBefore = await send(burstOf(clockKeys, 1));
  await sleepUntil(ctx, clockBoundary + lag);
  ctx.progress(`burst of ${limit} per key just after the clock boundary`, 0.5);
  const clockAfter = await send(burstOf(clockKeys, 2));
  await sleepUntil(ctx, firstHitBoundary.earliest - lead);
  ctx.progress(`burst of ${limit} per key just before the first-hit boundary`, 0.75);
  const firstHitBefore = await send(burstOf(firstHitKeys, 1));
  await sleepUntil(ctx, firstHitBoundary.latest + lag);
  ctx.progress(`burst of ${limit} per key just after the first-hit boundary`, 1);
  const firstHitAfter = await send(burstOf(firstHitKeys, 2));

  const placed =
    latestReceive(clockBefore) < clockBoundary &&
    earliestSend(clockAfter) > clockBoundary &&
    latestReceive(firstHitBefore) < firstHitBoundary.earliest &&
    earliestSend(firstHitAfter) > firstHitBoundary.latest;
  return {
    records: [...firstHits, ...clockBefore, ...clockAfter, ...firstHitBefore, ...firstHitAfter],
    clockKeys,
    clockBoundary,
    firstHitBoundary,
    placed,
  };
}

/**
 * Per key: one request, then a burst of L just before the key's window would end and a burst of L just
 * after. Half the keys are timed against windows aligned to the clock (epoch multiples of W), half against
 * windows that start at the key's first request, so either kind of fixed window admits ~2L in a short
 * interval while a token bucket, GCRA or sliding log stays within L + L*D/W. A breach is a failure
 * whenever it happens; a pass needs the bursts to have really landed on both sides of the boundaries.
 */
export const windowBoundaryCheck = defineCheck<RateLimiterParams>({
  id: 'window-boundary',
  title: 'No double quota around a window boundary',
  points: 15,
  hint: 'A fixed window resets all at once, so a client can spend L just before the reset and L just after. Refill continuously (token bucket / GCRA) or count over a sliding window.',
  async run(ctx) {
    const { params } = ctx;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const { records, clockKeys, clockBoundary, firstHitBoundary, placed } = await burstsAroundBoundaries(ctx);
      const odd = unexpectedResponses(records);
      if (odd.length > 0) return fail(`${odd.length} of ${records.length} requests were not answered 200 or 429 (${statusSummary(odd)})`);
      const groups = byTag(records);
      const perKey = Object.fromEntries([...groups].map(([key, rs]) => [key, statusSummary(rs)]));
      const boundaries = {
        clockBoundary: new Date(clockBoundary).toISOString(),
        firstHitBoundary: new Date(firstHitBoundary.earliest).toISOString(),
        attempt,
      };
      const violations = violationsByKey(groups, params);
      if (violations.length > 0) {
        const worst = violations[0]!;
        const onClock = clockKeys.includes(worst.key);
        const offsetMs = Math.round(worst.from - (onClock ? clockBoundary : firstHitBoundary.earliest));
        const alignment = onClock ? 'windows on the clock' : 'windows from the first request';
        return fail(`${describeViolation(worst, params)}, starting ${offsetMs} ms from a boundary of ${alignment}`, {
          violations,
          perKey,
          ...boundaries,
        });
      }
      if (placed) {
        return pass(`bursts of ${params.limit} on both sides of clock-aligned and first-hit-aligned boundaries stayed within the policy`, {
          perKey,
          ...boundaries,
        });
      }
      ctx.progress(`the machine was too busy to place the bursts around the boundaries; trying again (${attempt}/${maxAttempts})`);
    }
    throw new CouldNotGradeError(`the machine was too busy to place bursts on both sides of a window boundary in ${maxAttempts} attempts`);
  },
});

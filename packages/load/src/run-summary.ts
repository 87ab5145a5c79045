import { LatencyHistogram } from './histogram.ts';
import type { LoadResult, RequestRecord } from './types.ts';

export const GENERATOR_SATURATED = 'generator-saturated';

/** Folds the records of a finished run into its totals. */
export function summarizeRun(records: RequestRecord[], startedAt: number, endedAt: number, aborted: boolean): LoadResult {
  const latency = new LatencyHistogram();
  const sendLateness = new LatencyHistogram();
  const byStatus: Record<string, number> = {};
  const byError: Record<string, number> = {};
  let sent = 0;
  let completed = 0;
  let errors = 0;
  let dropped = 0;
  for (const record of records) {
    if (record.error !== undefined) byError[record.error] = (byError[record.error] ?? 0) + 1;
    if (record.error === GENERATOR_SATURATED) {
      dropped++;
      continue;
    }
    sent++;
    sendLateness.record(Math.max(0, record.sentAt - record.scheduledAt));
    if (record.status > 0) {
      byStatus[record.status] = (byStatus[record.status] ?? 0) + 1;
      latency.record(Math.max(0, record.receivedAt - record.scheduledAt));
    }
    if (record.error === undefined) completed++;
    else errors++;
  }
  return {
    records,
    startedAt,
    durationMs: endedAt - startedAt,
    sent,
    completed,
    errors,
    dropped,
    byStatus,
    byError,
    latency: latency.summary(),
    sendLateness: sendLateness.summary(),
    aborted,
  };
}

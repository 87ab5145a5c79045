import type { RequestRecord, RequestSpec } from './types.ts';

/** A record before anything happened; `sentAt` and `receivedAt` start at the scheduled time. */
export function pendingRecord(index: number, spec: RequestSpec, scheduledAt: number): RequestRecord {
  const record: RequestRecord = {
    index,
    target: spec.target,
    path: spec.path,
    scheduledAt,
    sentAt: scheduledAt,
    receivedAt: scheduledAt,
    status: 0,
    headers: {},
  };
  if (spec.tag !== undefined) record.tag = spec.tag;
  return record;
}

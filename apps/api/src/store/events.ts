import type { GradingEvent } from '../grading-event.ts';
import type { Queryable } from '../db/pool.ts';
import { eventRowSchema, type StoredEvent } from './records.ts';

/** Stores one progress event of a grading run; its id orders it among the submission's events. */
export async function appendEvent(db: Queryable, submissionId: string, run: number, event: GradingEvent): Promise<number> {
  const { rows } = await db.query(
    'INSERT INTO submission_events (submission_id, run, event) VALUES ($1, $2, $3) RETURNING id',
    [submissionId, run, JSON.stringify(event)],
  );
  return Number((rows[0] as { id: string }).id);
}

/** The submission's events with an id above `afterId`, in order. */
export async function eventsAfter(db: Queryable, submissionId: string, afterId: number, limit = 500): Promise<StoredEvent[]> {
  const { rows } = await db.query(
    `SELECT id, run, created_at, event FROM submission_events
     WHERE submission_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
    [submissionId, afterId, limit],
  );
  return rows.map((row) => eventRowSchema.parse(row));
}

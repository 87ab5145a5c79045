import type pg from 'pg';
import { z } from 'zod';
import type { CreateSubmissionBody, SubmissionFile } from '../submission-request.ts';
import { inTransaction, type Queryable } from '../db/pool.ts';
import {
  reportRowSchema,
  submissionColumns,
  submissionFilesSchema,
  submissionRowSchema,
  submissionStatusSchema,
  type GradingResult,
  type StoredSubmission,
  type SubmissionStatus,
} from './records.ts';

export interface NewSubmission {
  id: string;
  body: CreateSubmissionBody;
  /** Who sent it (the client's address): idempotency keys are scoped to it. */
  client: string;
  idempotencyKey: string | undefined;
  requestHash: string;
}

export type InsertOutcome =
  | { kind: 'created'; submission: StoredSubmission }
  /** The same client sent the same key with the same request before: this is that submission. */
  | { kind: 'replayed'; submission: StoredSubmission }
  /** The same client sent the same key with a different request. */
  | { kind: 'key-reused' };

/** Stores a new submission, or finds the one an idempotent retry refers to (the unique (client, key) decides). */
export async function insertSubmission(db: Queryable, input: NewSubmission): Promise<InsertOutcome> {
  const { body } = input;
  const inserted = await db.query(
    `INSERT INTO submissions (id, lab, profile, seed, check_ids, files, client, idempotency_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (client, idempotency_key) DO NOTHING
     RETURNING ${submissionColumns}`,
    [
      input.id,
      body.lab,
      body.profile,
      body.seed,
      body.checks ?? null,
      JSON.stringify(body.files),
      input.client,
      input.idempotencyKey ?? null,
      input.requestHash,
    ],
  );
  if (inserted.rows[0]) return { kind: 'created', submission: submissionRowSchema.parse(inserted.rows[0]) };
  const existing = await db.query(
    `SELECT ${submissionColumns}, request_hash FROM submissions WHERE client = $1 AND idempotency_key = $2`,
    [input.client, input.idempotencyKey],
  );
  const row = z.object({ request_hash: z.string() }).passthrough().parse(existing.rows[0]);
  if (row.request_hash !== input.requestHash) return { kind: 'key-reused' };
  return { kind: 'replayed', submission: submissionRowSchema.parse(row) };
}

export interface SubmissionWithResult {
  submission: StoredSubmission;
  result: GradingResult | null;
}

export async function findSubmission(db: Queryable, id: string): Promise<SubmissionWithResult | undefined> {
  const { rows } = await db.query(
    `SELECT ${submissionColumns.split(', ').map((column) => `s.${column}`).join(', ')},
            r.outcome, r.verdict, r.score, r.max_score, r.report, r.start_failure, r.error
     FROM submissions s LEFT JOIN reports r ON r.submission_id = s.id
     WHERE s.id = $1`,
    [id],
  );
  const row = rows[0] as Record<string, unknown> | undefined;
  if (!row) return undefined;
  return {
    submission: submissionRowSchema.parse(row),
    result: row.outcome === null ? null : reportRowSchema.parse(row),
  };
}

/** Just the status: what a live event stream asks on every nudge. */
export async function findSubmissionStatus(db: Queryable, id: string): Promise<SubmissionStatus | undefined> {
  const { rows } = await db.query('SELECT status FROM submissions WHERE id = $1', [id]);
  const row = rows[0] as { status: unknown } | undefined;
  return row ? submissionStatusSchema.parse(row.status) : undefined;
}

export async function findSubmissionFiles(db: Queryable, id: string): Promise<SubmissionFile[] | undefined> {
  const { rows } = await db.query('SELECT files FROM submissions WHERE id = $1', [id]);
  const row = rows[0] as { files: unknown } | undefined;
  return row ? submissionFilesSchema.parse(row.files) : undefined;
}

export interface ClaimedSubmission {
  submission: StoredSubmission;
  files: SubmissionFile[];
  /** 1 for the first claim; every retry or takeover after a dead worker adds one. */
  run: number;
}

export type ClaimOutcome =
  | { kind: 'claimed'; claimed: ClaimedSubmission }
  | { kind: 'done' }
  /** Another worker holds a live claim (its heartbeat is fresh). */
  | { kind: 'held' }
  | { kind: 'missing' };

/**
 * Takes the submission for grading unless it is done or another worker's claim is still alive: a claim whose
 * heartbeat is older than `staleMs` belongs to a worker that died, and may be taken over.
 */
export async function claimSubmission(db: Queryable, id: string, token: string, staleMs: number): Promise<ClaimOutcome> {
  const claimed = await db.query(
    `UPDATE submissions
     SET status = 'running', runs = runs + 1, claim_token = $2, heartbeat_at = now(),
         started_at = coalesce(started_at, now())
     WHERE id = $1 AND status <> 'done'
       AND (claim_token IS NULL OR heartbeat_at < now() - make_interval(secs => $3::double precision / 1000))
     RETURNING ${submissionColumns}, files`,
    [id, token, staleMs],
  );
  const row = claimed.rows[0] as Record<string, unknown> | undefined;
  if (row) {
    const submission = submissionRowSchema.parse(row);
    return { kind: 'claimed', claimed: { submission, files: submissionFilesSchema.parse(row.files), run: submission.runs } };
  }
  const { rows } = await db.query('SELECT status FROM submissions WHERE id = $1', [id]);
  const status = (rows[0] as { status: string } | undefined)?.status;
  if (status === undefined) return { kind: 'missing' };
  return status === 'done' ? { kind: 'done' } : { kind: 'held' };
}

/** Keeps a claim alive; false when the claim was lost (taken over, released, or the submission is done). */
export async function renewClaim(db: Queryable, id: string, token: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE submissions SET heartbeat_at = now() WHERE id = $1 AND claim_token = $2 AND status = 'running'`,
    [id, token],
  );
  return rowCount === 1;
}

/** Gives the submission back to the queue (a retry follows) without waiting for the claim to go stale. */
export async function releaseClaim(db: Queryable, id: string, token: string): Promise<void> {
  await db.query(
    `UPDATE submissions SET status = 'queued', claim_token = NULL, heartbeat_at = NULL
     WHERE id = $1 AND claim_token = $2 AND status = 'running'`,
    [id, token],
  );
}

/**
 * Writes the one result of a submission and marks it done, in one transaction. A second writer (a job that
 * ran twice) changes nothing: returns false.
 */
export async function recordResult(pool: pg.Pool, id: string, result: GradingResult): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const inserted = await client.query(
      `INSERT INTO reports (submission_id, outcome, verdict, score, max_score, report, start_failure, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (submission_id) DO NOTHING`,
      [
        id,
        result.outcome,
        result.verdict,
        result.score,
        result.maxScore,
        result.outcome === 'graded' ? JSON.stringify(result.report) : null,
        result.outcome === 'did-not-start' ? JSON.stringify(result.startFailure) : null,
        result.outcome === 'could-not-grade' ? result.error : null,
      ],
    );
    await client.query(
      `UPDATE submissions SET status = 'done', finished_at = now(), claim_token = NULL
       WHERE id = $1 AND status <> 'done'`,
      [id],
    );
    return inserted.rowCount === 1;
  });
}

export interface UnfinishedSubmission {
  id: string;
  status: 'queued' | 'running';
  /** No live claim: nobody is known to be grading it. */
  unclaimed: boolean;
}

/** Submissions without a result, oldest first, created more than `olderThanMs` ago. */
export async function listUnfinished(
  db: Queryable,
  options: { olderThanMs: number; staleMs: number; limit: number },
): Promise<UnfinishedSubmission[]> {
  const { rows } = await db.query(
    `SELECT id, status,
            (claim_token IS NULL OR heartbeat_at < now() - make_interval(secs => $2::double precision / 1000)) AS unclaimed
     FROM submissions
     WHERE status <> 'done' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
     ORDER BY created_at
     LIMIT $3`,
    [options.olderThanMs, options.staleMs, options.limit],
  );
  return z
    .array(z.object({ id: z.string(), status: z.enum(['queued', 'running']), unclaimed: z.boolean() }))
    .parse(rows);
}

-- Submissions are stored before they are queued; a grading job refers to a row here by id.
CREATE TABLE submissions (
  id uuid PRIMARY KEY,
  lab text NOT NULL,
  profile text NOT NULL,
  seed integer NOT NULL,
  -- NULL: every check of the lab runs.
  check_ids text[],
  -- [{ "path": "src/server.ts", "content": "..." }], validated by the API before it is stored.
  files jsonb NOT NULL,
  client text NOT NULL,
  idempotency_key text,
  -- sha256 of the canonical request: a retry with the same key must carry the same request.
  request_hash text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done')),
  -- How many times a worker claimed it (retries and runs after a worker died both count).
  runs integer NOT NULL DEFAULT 0,
  -- The current claim: a worker refreshes heartbeat_at while it grades; a stale one may be taken over.
  claim_token uuid,
  heartbeat_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  UNIQUE (client, idempotency_key)
);

CREATE INDEX submissions_unfinished ON submissions (created_at) WHERE status <> 'done';

-- Exactly one per submission: workers insert with ON CONFLICT DO NOTHING.
CREATE TABLE reports (
  submission_id uuid PRIMARY KEY REFERENCES submissions (id) ON DELETE CASCADE,
  outcome text NOT NULL CHECK (outcome IN ('graded', 'did-not-start', 'could-not-grade')),
  verdict text NOT NULL CHECK (verdict IN ('pass', 'fail', 'error')),
  score numeric NOT NULL,
  max_score numeric NOT NULL,
  report jsonb,
  start_failure jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'graded') = (report IS NOT NULL)),
  CHECK ((outcome = 'did-not-start') = (start_failure IS NOT NULL)),
  CHECK ((outcome = 'could-not-grade') = (error IS NOT NULL))
);

-- Grading progress, kept so that a late SSE subscriber gets the history before the live events.
CREATE TABLE submission_events (
  id bigserial PRIMARY KEY,
  submission_id uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
  run integer NOT NULL,
  event jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX submission_events_by_submission ON submission_events (submission_id, id);

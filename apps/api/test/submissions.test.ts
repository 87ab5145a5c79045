import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { countRows, freshStores, labFiles, postJson, startTestApi, type Stores, type TestApi } from './helpers.ts';

const solution = labFiles('rate-limiter', 'solution');

function submission(overrides: Record<string, unknown> = {}) {
  return { lab: 'rate-limiter', files: solution, ...overrides };
}

describe('submissions', () => {
  let stores: Stores;
  let server: TestApi;
  let redis: Redis;
  let queue: Queue;
  beforeEach(async () => {
    stores = await freshStores();
    server = await startTestApi(stores);
    redis = new Redis(stores.redis.url, { maxRetriesPerRequest: 1 });
    queue = new Queue('gradings', { connection: redis });
  });
  afterEach(async () => {
    await queue?.close();
    redis?.disconnect();
    await server?.api.close();
    await stores?.close();
  });

  async function jobCount(): Promise<number> {
    const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'completed', 'failed', 'prioritized');
    return Object.values(counts).reduce((sum, count) => sum + count, 0);
  }

  test('round trip: stored, queued under its own id, readable with its files', async () => {
    const created = await postJson(`${server.url}/api/submissions`, submission({ checks: ['contract'], seed: 7 }));
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.headers.get('location')).toBe(`/api/submissions/${id}`);
    expect(created.json).toMatchObject({ lab: 'rate-limiter', profile: 'quick', seed: 7, checks: ['contract'], status: 'queued', attempts: 0, result: null });

    const job = await queue.getJob(id);
    expect(job?.data).toEqual({ submissionId: id });
    expect(job?.opts.attempts).toBe(3);

    const read = await fetch(`${server.url}/api/submissions/${id}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(created.json);
    const files = (await (await fetch(`${server.url}/api/submissions/${id}/files`)).json()) as { files: unknown[] };
    expect(files.files).toEqual(solution);

    const missing = await fetch(`${server.url}/api/submissions/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not-found');
    const invalid = await fetch(`${server.url}/api/submissions/not-a-uuid`);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { code: string } }).error.code).toBe('invalid-id');
  });

  test('a retry with the same Idempotency-Key returns the same submission and queues nothing new', async () => {
    const headers = { 'idempotency-key': 'attempt-1f3a' };
    const first = await postJson(`${server.url}/api/submissions`, submission(), headers);
    const retry = await postJson(`${server.url}/api/submissions`, submission({ files: [...solution].reverse() }), headers);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json.id).toBe(first.json.id);
    expect(await countRows(stores.pool, 'submissions')).toBe(1);
    expect(await jobCount()).toBe(1);

    const reused = await postJson(`${server.url}/api/submissions`, submission({ seed: 2 }), headers);
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe('idempotency-key-reused');

    const burst = await Promise.all(
      Array.from({ length: 6 }, () => postJson(`${server.url}/api/submissions`, submission(), { 'idempotency-key': 'burst' })),
    );
    expect(new Set(burst.map((response) => response.json.id)).size).toBe(1);
    expect(burst.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await countRows(stores.pool, 'submissions')).toBe(2);

    const other = await postJson(`${server.url}/api/submissions`, submission());
    expect(other.status).toBe(201);
    expect(other.json.id).not.toBe(first.json.id);
  });

  const entry = (content: string) => [{ path: 'src/server.ts', content }];
  const badBodies: [string, unknown, number, string, RegExp][] = [
    ['not an object', [1, 2], 400, 'invalid-body', /expected object/],
    ['files of the wrong type', { lab: 'rate-limiter', files: 'src/server.ts' }, 400, 'invalid-body', /files/],
    ['content of the wrong type', { lab: 'rate-limiter', files: [{ path: 'src/server.ts', content: 42 }] }, 400, 'invalid-body', /files\.0\.content/],
    ['an unknown field', { lab: 'rate-limiter', files: entry(''), admin: true }, 400, 'invalid-body', /admin/],
    ['no files', { lab: 'rate-limiter', files: [] }, 400, 'invalid-body', /at least one file/],
    ['a file over 200 KB', { lab: 'rate-limiter', files: entry('x'.repeat(210 * 1024)) }, 400, 'invalid-body', /215040 bytes; the limit is 204800/],
    [
      'over 1 MB in total',
      { lab: 'rate-limiter', files: [...entry(''), ...Array.from({ length: 6 }, (_, i) => ({ path: `src/f${i}.ts`, content: 'y'.repeat(190 * 1024) }))] },
      400,
      'invalid-body',
      /files total/,
    ],
    ['51 files', { lab: 'rate-limiter', files: Array.from({ length: 51 }, (_, i) => ({ path: `src/f${i}.ts`, content: '' })) }, 400, 'invalid-body', /at most 50 files/],
    ['a parent directory', { lab: 'rate-limiter', files: [...entry(''), { path: 'src/../../etc/cron.d/x.ts', content: '' }] }, 400, 'invalid-body', /"\." or "\.\." segments/],
    ['an absolute path', { lab: 'rate-limiter', files: [...entry(''), { path: '/etc/passwd.ts', content: '' }] }, 400, 'invalid-body', /relative/],
    ['a backslash', { lab: 'rate-limiter', files: [...entry(''), { path: 'src\\..\\x.ts', content: '' }] }, 400, 'invalid-body', /separator/],
    ['a NUL byte', { lab: 'rate-limiter', files: [...entry(''), { path: 'src/x.ts\u0000.png', content: '' }] }, 400, 'invalid-body', /NUL/],
    ['a disallowed extension', { lab: 'rate-limiter', files: [...entry(''), { path: 'run.sh', content: '' }] }, 400, 'invalid-body', /must end in one of/],
    ['duplicate names', { lab: 'rate-limiter', files: [...entry(''), ...entry('')] }, 400, 'invalid-body', /duplicate file/],
    [
      'a file that is also a folder',
      { lab: 'rate-limiter', files: [...entry(''), { path: 'src/lib.ts', content: '' }, { path: 'src/lib.ts/x.ts', content: '' }] },
      400,
      'invalid-body',
      /src\/lib\.ts\/x\.ts needs src\/lib\.ts to be a folder/,
    ],
    ['an unknown lab', { lab: 'no-such-lab', files: entry('') }, 400, 'unknown-lab', /no-such-lab/],
    ['a lab id that is not an id', { lab: '../rate-limiter', files: entry('') }, 400, 'invalid-body', /lab id/],
    ['no entry file', { lab: 'rate-limiter', files: [{ path: 'src/other.ts', content: '' }] }, 400, 'invalid-body', /src\/server\.ts/],
    ['an unknown check', { lab: 'rate-limiter', files: entry(''), checks: ['no-such-check'] }, 400, 'invalid-body', /no check "no-such-check"/],
    ['a seed of the wrong type', { lab: 'rate-limiter', files: entry(''), seed: 'seven' }, 400, 'invalid-body', /seed/],
    ['invalid JSON', '{"lab": "rate-limiter", "files": [', 400, 'invalid-json', /not valid JSON/],
    ['a body over the HTTP limit', { lab: 'rate-limiter', files: entry('z'.repeat(5 * 1024 * 1024)) }, 413, 'body-too-large', /too large/],
  ];

  test.each(badBodies)('%s: 4xx, nothing stored or queued', async (_name, body, status, code, message) => {
    const response = await postJson(`${server.url}/api/submissions`, body);
    expect(response.status).toBe(status);
    expect(response.json.error.code).toBe(code);
    expect(response.json.error.message).toMatch(/\S/);
    const messages = [response.json.error.message, ...(response.json.error.issues ?? []).map((issue: { path: string; message: string }) => `${issue.path}: ${issue.message}`)];
    expect(messages.join('\n')).toMatch(message);
    expect(JSON.stringify(response.json)).not.toMatch(/\n\s+at /);
    expect(await countRows(stores.pool, 'submissions')).toBe(0);
    expect(await jobCount()).toBe(0);
  });

  test('a body that is not JSON and a malformed Idempotency-Key get clear 4xx', async () => {
    const text = await fetch(`${server.url}/api/submissions`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
    expect(((await text.json()) as { error: { code: string } }).error.code).toBe('unsupported-media-type');
    const key = await postJson(`${server.url}/api/submissions`, submission(), { 'idempotency-key': 'has space' });
    expect(key.status).toBe(400);
    expect(key.json.error.code).toBe('invalid-idempotency-key');
    expect(await countRows(stores.pool, 'submissions')).toBe(0);
  });

  test('submissions are rate-limited per client, with Retry-After', async () => {
    await server.api.close();
    server = await startTestApi(stores, { submissionsPerMinute: 3 });
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof postJson>> | undefined;
    for (let i = 0; i < 5; i++) {
      const response = await postJson(`${server.url}/api/submissions`, submission({ seed: i }));
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(limited?.json.error.code).toBe('rate-limited');
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited?.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(await countRows(stores.pool, 'submissions')).toBe(3);
  });

  test('with Redis down a submission is still stored (queued later by the reconciler), never lost', async () => {
    await stores.redis.faults.kill();
    const started = Date.now();
    const created = await postJson(`${server.url}/api/submissions`, submission());
    expect(created.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(created.json.status).toBe('queued');
    expect(await countRows(stores.pool, 'submissions')).toBe(1);
    await stores.redis.faults.restart();
  });

  test('a server-side failure answers 500 in the error shape, without internals', async () => {
    await stores.pool.query(`ALTER TABLE submissions RENAME TO submissions_elsewhere`);
    const response = await fetch(`${server.url}/api/submissions/00000000-0000-4000-8000-000000000000`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal', message: 'internal error; it was logged' } });
    await stores.pool.query(`ALTER TABLE submissions_elsewhere RENAME TO submissions`);
  });
});

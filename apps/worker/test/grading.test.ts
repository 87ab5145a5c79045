import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { gradingJobName } from '@archlab/api';
import { startGradingWorker, type GradingWorker } from '../src/index.ts';
import { labFiles, readSse, reportCount, startStack, storedEvents, submit, waitUntilDone, type Stack } from './helpers.ts';

const solution = labFiles('rate-limiter', 'solution');
const starter = labFiles('rate-limiter', 'starter');

describe('grading a stored submission', () => {
  let stack: Stack;
  let worker: GradingWorker | undefined;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
    await stack?.close();
  });

  const start = async (options: { concurrency?: number; heartbeatMs?: number } = {}) => {
    worker = await startGradingWorker({ databaseUrl: stack.databaseUrl, redisUrl: stack.redis.url, reconcileIntervalMs: 60_000, ...options });
    return worker;
  };

  test('round trip: the reference solution passes, with its progress streamed and stored, and one report', async () => {
    await start();
    const created = await submit(stack, { files: solution, checks: ['contract'] });
    const frames = await readSse(`${stack.url}${created.links.events}`);
    const types = frames.map((frame) => (frame.event === 'result' ? 'result' : frame.data.event?.type));
    expect(types[0]).toBe('attempt-start');
    expect(types.filter((type) => type !== 'phase' && type !== 'check-progress')).toEqual(['attempt-start', 'run-start', 'check-start', 'check-end', 'run-end', 'result']);
    const result = frames.at(-1)?.data;
    expect(result).toMatchObject({ id: created.id, status: 'done', attempts: 1, result: { outcome: 'graded', verdict: 'pass', score: 10, maxScore: 10 } });
    expect(result?.result?.outcome === 'graded' && result.result.report.checks.find((check) => check.id === 'contract')?.status).toBe('pass');
    expect(await reportCount(stack, created.id)).toBe(1);
    const ids = frames.flatMap((frame) => (frame.id === undefined ? [] : [frame.id]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  test("the starter fails (the candidate's verdict), and a solution that does not compile did not start", async () => {
    await start();
    const failing = await submit(stack, { files: starter, checks: ['contract'] });
    const broken = await submit(stack, { files: [{ path: 'src/server.ts', content: 'import { nothing } from "./missing.ts";\nconst = ;' }] });
    const failed = await waitUntilDone(stack, failing.id);
    expect(failed.result).toMatchObject({ outcome: 'graded', verdict: 'fail', score: 0 });
    const notStarted = await waitUntilDone(stack, broken.id);
    expect(notStarted.attempts).toBe(1);
    expect(notStarted.result).toMatchObject({
      outcome: 'did-not-start',
      verdict: 'fail',
      score: 0,
      maxScore: ((await (await fetch(`${stack.url}/api/labs/rate-limiter`)).json()) as { maxScore: number }).maxScore,
      startFailure: { instance: 'build', reason: 'build', detail: expect.stringContaining('does not compile'), logTail: expect.stringContaining('src/server.ts') },
    });
  });

  test('a job that runs twice (two jobs, one submission) grades once and stores one report', async () => {
    await start({ concurrency: 2, heartbeatMs: 200 });
    const created = await submit(stack, { files: solution, checks: ['contract'] });
    const connection = new Redis(stack.redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue('gradings', { connection });
    try {
      await queue.add(gradingJobName, { submissionId: created.id }, { jobId: `${created.id}-duplicate` });
      const done = await waitUntilDone(stack, created.id);
      expect(done.result?.verdict).toBe('pass');
      const jobIds = [created.id, `${created.id}-duplicate`];
      await expect.poll(async () => Promise.all(jobIds.map((id) => queue.getJobState(id))), { timeout: 15_000 }).toEqual(['completed', 'completed']);
      const outcomes = await Promise.all(jobIds.map(async (id) => (await queue.getJob(id))?.returnvalue as unknown));
      expect(outcomes).toEqual(
        expect.arrayContaining([{ outcome: 'already-done' }, { outcome: 'graded', verdict: 'pass', written: true }]),
      );
      expect(await reportCount(stack, created.id)).toBe(1);
      expect(done.attempts).toBe(1);
      expect((await storedEvents(stack, created.id)).filter((event) => event.type === 'attempt-start')).toHaveLength(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  test('concurrency is what the worker is given: two gradings overlap', async () => {
    await start({ concurrency: 2 });
    const [first, second] = await Promise.all([
      submit(stack, { files: solution, checks: ['contract'] }),
      submit(stack, { files: solution, checks: ['contract'], seed: 2 }),
    ]);
    const [a, b] = await Promise.all([waitUntilDone(stack, first.id), waitUntilDone(stack, second.id)]);
    const overlap = Math.min(Date.parse(a.finishedAt!), Date.parse(b.finishedAt!)) - Math.max(Date.parse(a.startedAt!), Date.parse(b.startedAt!));
    expect(overlap).toBeGreaterThan(0);
  });
});

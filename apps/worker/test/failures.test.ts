import { makeTempDir, sleep, type ManagedProcess } from '@archlab/proc';
import { afterEach, describe, expect, test } from 'vitest';
import { startGradingWorker, type GradingWorker } from '../src/index.ts';
import { labFiles, readSse, readSubmission, reportCount, spawnWorker, startStack, storedEvents, submit, waitUntilDone, type SseFrame, type Stack } from './helpers.ts';

const solution = labFiles('rate-limiter', 'solution');
// Long enough to be killed in the middle of (sustained-rate runs ~4 s), short enough for a test.
const twoChecks = ['contract', 'sustained-rate'];

/** Resolves when the stream shows a check running: the grading is under way. */
function untilCheckStarts(stack: Stack, eventsPath: string): { running: Promise<void>; stream: Promise<SseFrame[]> } {
  let seen!: () => void;
  const running = new Promise<void>((resolve) => (seen = resolve));
  const stream = readSse(`${stack.url}${eventsPath}`, {
    onFrame: (frame) => {
      if (frame.data.event?.type === 'check-start') seen();
    },
  });
  stream.catch(() => seen());
  return { running, stream };
}

describe('a grading survives its worker and its queue', () => {
  let stack: Stack | undefined;
  const workers: ManagedProcess[] = [];
  let inProcess: GradingWorker | undefined;
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await inProcess?.close({ drainTimeoutMs: 0 });
    inProcess = undefined;
    await stack?.close();
    stack = undefined;
  });

  test('a worker SIGKILLed mid-grade is replaced; the submission still ends with exactly one report', async () => {
    stack = await startStack();
    const doomed = await spawnWorker(stack, 'worker-doomed');
    workers.push(doomed);
    const created = await submit(stack, { files: solution, checks: twoChecks });
    const { running, stream } = untilCheckStarts(stack, created.links.events);
    await running;
    expect(doomed.signalGroup('SIGKILL')).toBe(true);
    expect(await doomed.exited).toEqual({ code: null, signal: 'SIGKILL' });

    workers.push(await spawnWorker(stack, 'worker-replacement'));
    const frames = await stream;
    const done = await waitUntilDone(stack, created.id);
    expect(done).toMatchObject({ status: 'done', attempts: 2, result: { outcome: 'graded', verdict: 'pass' } });
    expect(await reportCount(stack, created.id)).toBe(1);
    const attempts = (await storedEvents(stack, created.id)).flatMap((event) => (event.type === 'attempt-start' ? [event.attempt] : []));
    expect(attempts).toEqual([1, 2]);
    // The live stream saw the takeover and ended with the one result.
    expect(frames.filter((frame) => frame.data.event?.type === 'attempt-start').map((frame) => frame.data.event)).toEqual([
      { type: 'attempt-start', attempt: 1 },
      { type: 'attempt-start', attempt: 2 },
    ]);
    expect(frames.at(-1)).toMatchObject({ event: 'result', data: { result: { verdict: 'pass' } } });
  });

  test('SIGTERM drains: the grading in flight finishes and stores its report, then the worker exits 0', async () => {
    stack = await startStack();
    const worker = await spawnWorker(stack, 'worker-drained');
    workers.push(worker);
    const created = await submit(stack, { files: solution, checks: twoChecks });
    const queuedLater = await submit(stack, { files: solution, checks: ['contract'], seed: 3 });
    const { running } = untilCheckStarts(stack, created.links.events);
    await running;
    worker.signalGroup('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    const done = await waitUntilDone(stack, created.id, 1000);
    expect(done).toMatchObject({ attempts: 1, result: { outcome: 'graded', verdict: 'pass' } });
    // A drained worker takes nothing new: the next submission waits for another worker.
    await sleep(500);
    expect((await readSubmission(stack, queuedLater.id)).status).toBe('queued');
    workers.push(await spawnWorker(stack, 'worker-next'));
    expect((await waitUntilDone(stack, queuedLater.id)).result?.verdict).toBe('pass');
  });

  test('infrastructure failures are retried, then stored as "could not grade" (verdict error), never as fail', async () => {
    stack = await startStack({ retryPolicy: { attempts: 2, backoffMs: 100 } });
    const noBinaries = await makeTempDir('archlab-no-redis-');
    try {
      // The grader's own Redis cannot start: the platform's problem, not the candidate's.
      workers.push(await spawnWorker(stack, 'worker-broken', { ARCHLAB_SERVICES: 'local', ARCHLAB_REDIS_BIN_DIR: noBinaries.path }));
      const created = await submit(stack, { files: solution, checks: ['contract'] });
      const done = await waitUntilDone(stack, created.id);
      expect(done).toMatchObject({
        attempts: 2,
        result: { outcome: 'could-not-grade', verdict: 'error', score: 0, maxScore: 10, error: expect.stringMatching(/after 2 attempts: .*redis/) },
      });
      expect(await reportCount(stack, created.id)).toBe(1);
    } finally {
      await noBinaries.remove();
    }
  });

  test('Redis restarted mid-grade (the queue emptied) loses no submission', async () => {
    stack = await startStack();
    inProcess = await startGradingWorker({
      databaseUrl: stack.databaseUrl,
      redisUrl: stack.redis.url,
      concurrency: 1,
      heartbeatMs: 500,
      reconcileIntervalMs: 1000,
    });
    const grading = await submit(stack, { files: solution, checks: twoChecks });
    const waiting = await submit(stack, { files: solution, checks: ['contract'], seed: 2 });
    const { running } = untilCheckStarts(stack, grading.links.events);
    await running;
    await stack.redis.faults.restart();
    // Stored while the queue is down: the API cannot enqueue it, the reconciler will.
    await stack.redis.faults.kill();
    const whileDown = await submit(stack, { files: solution, checks: ['contract'], seed: 3 });
    await stack.redis.faults.restart();

    const results = await Promise.all([grading, waiting, whileDown].map((created) => waitUntilDone(stack!, created.id, 60_000)));
    expect(results.map((result) => result.result?.verdict)).toEqual(['pass', 'pass', 'pass']);
    for (const created of [grading, waiting, whileDown]) expect(await reportCount(stack, created.id)).toBe(1);
    // The grading in flight was not started over: its worker was alive and kept its claim.
    expect(results[0]?.attempts).toBe(1);
  });
});

describe('the worker process', () => {
  test('refuses to start on a bad environment, naming the variable', async () => {
    const stack = await startStack();
    try {
      const worker = await spawnWorker(stack, 'worker-misconfigured', { WORKER_CONCURRENCY: 'lots' }).catch((error: Error) => error);
      expect(worker).toBeInstanceOf(Error);
      expect((worker as Error).message).toMatch(/WORKER_CONCURRENCY/);
    } finally {
      await stack.close();
    }
  });
});

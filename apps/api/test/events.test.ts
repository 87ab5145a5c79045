import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sleep } from '@archlab/proc';
import {
  appendEvent,
  insertSubmission,
  recordResult,
  submissionChannel,
  type GradingEvent,
  type GradingResult,
} from '../src/index.ts';
import { freshStores, readSse, startTestApi, type SseFrame, type Stores, type TestApi } from './helpers.ts';

const events: GradingEvent[] = [
  { type: 'attempt-start', attempt: 1 },
  { type: 'phase', message: 'starting services' },
  { type: 'check-start', id: 'contract', title: 'Contract', index: 0, total: 1 },
  { type: 'check-progress', id: 'contract', message: 'probing', fraction: 0.5 },
];

const result: GradingResult = { outcome: 'could-not-grade', verdict: 'error', score: 0, maxScore: 10, error: 'could not grade: test' };

describe('GET /api/submissions/:id/events', () => {
  let stores: Stores;
  let server: TestApi;
  let publisher: Redis;
  beforeEach(async () => {
    stores = await freshStores();
    server = await startTestApi(stores, { streamPollMs: 60_000 });
    publisher = new Redis(stores.redis.url);
  });
  afterEach(async () => {
    publisher?.disconnect();
    await server?.api.close();
    await stores?.close();
  });

  async function storedSubmission(): Promise<string> {
    const id = randomUUID();
    await insertSubmission(stores.pool, {
      id,
      body: { lab: 'rate-limiter', profile: 'quick', seed: 1, files: [{ path: 'src/server.ts', content: '' }] },
      client: 'test',
      idempotencyKey: undefined,
      requestHash: 'h',
    });
    return id;
  }

  const progressOf = (frames: SseFrame[]) => frames.filter((frame) => frame.event === 'progress').map((frame) => frame.data.event);

  test('a late subscriber gets the history, then the result, then the stream ends', async () => {
    const id = await storedSubmission();
    for (const event of events) await appendEvent(stores.pool, id, 1, event);
    await recordResult(stores.pool, id, result);

    const frames = await readSse(`${server.url}/api/submissions/${id}/events`);
    expect(progressOf(frames)).toEqual(events);
    expect(frames.map((frame) => frame.event)).toEqual(['progress', 'progress', 'progress', 'progress', 'result']);
    expect(frames[0]).toMatchObject({ id: expect.any(Number), data: { id: frames[0]?.id, attempt: 1, at: expect.any(String) } });
    expect(frames.at(-1)?.data).toMatchObject({ id, status: 'done', result });

    const resumed = await readSse(`${server.url}/api/submissions/${id}/events`, { headers: { 'last-event-id': String(frames[1]?.id) } });
    expect(progressOf(resumed)).toEqual(events.slice(2));
  });

  test('a live subscriber gets events as they are published, in order, and the result last', async () => {
    const id = await storedSubmission();
    await appendEvent(stores.pool, id, 1, events[0]!);
    const received: SseFrame[] = [];
    let firstSeen!: () => void;
    const seen = new Promise<void>((resolve) => (firstSeen = resolve));
    const reading = readSse(`${server.url}/api/submissions/${id}/events`, {
      onFrame: (frame) => {
        received.push(frame);
        firstSeen();
      },
    });
    await seen;
    for (const event of events.slice(1)) {
      const eventId = await appendEvent(stores.pool, id, 1, event);
      await publisher.publish(submissionChannel(id), String(eventId));
    }
    await recordResult(stores.pool, id, result);
    await publisher.publish(submissionChannel(id), 'result');
    const frames = await reading;
    expect(progressOf(frames)).toEqual(events);
    expect(frames.at(-1)?.event).toBe('result');
  });

  test('without pub/sub (Redis away) the periodic poll still delivers', async () => {
    await server.api.close();
    server = await startTestApi(stores, { streamPollMs: 100 });
    const id = await storedSubmission();
    const reading = readSse(`${server.url}/api/submissions/${id}/events`, { timeoutMs: 10_000 });
    await sleep(200);
    for (const event of events) await appendEvent(stores.pool, id, 1, event);
    await recordResult(stores.pool, id, result);
    const frames = await reading;
    expect(progressOf(frames)).toEqual(events);
    expect(frames.at(-1)?.event).toBe('result');
  });

  test('an unknown submission is a 404 before any stream starts; a bad cursor a 400', async () => {
    const missing = await fetch(`${server.url}/api/submissions/${randomUUID()}/events`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/json/);
    const id = await storedSubmission();
    const cursor = await fetch(`${server.url}/api/submissions/${id}/events?after=abc`);
    expect(cursor.status).toBe(400);
    expect(((await cursor.json()) as { error: { code: string } }).error.code).toBe('invalid-cursor');
  });

  test('closing the API ends open streams', async () => {
    const id = await storedSubmission();
    const reading = readSse(`${server.url}/api/submissions/${id}/events`, { timeoutMs: 10_000 });
    await sleep(200);
    await server.api.close();
    expect(await reading).toEqual([]);
  });
});

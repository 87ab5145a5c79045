import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LabDetail } from '../src/index.ts';
import { freshStores, startTestApi, type Stores, type TestApi } from './helpers.ts';

describe('labs, health and unknown routes', () => {
  let stores: Stores;
  let server: TestApi;
  beforeAll(async () => {
    stores = await freshStores();
    server = await startTestApi(stores);
  });
  afterAll(async () => {
    await server?.api.close();
    await stores?.close();
  });

  test('GET /api/labs lists each lab with what a catalogue card shows', async () => {
    const response = await fetch(`${server.url}/api/labs`);
    expect(response.status).toBe(200);
    const { labs } = (await response.json()) as { labs: Record<string, unknown>[] };
    const rateLimiter = labs.find((lab) => lab.id === 'rate-limiter');
    expect(rateLimiter).toEqual({
      id: 'rate-limiter',
      title: expect.any(String),
      summary: expect.any(String),
      difficulty: 'intermediate',
      topics: expect.arrayContaining(['redis']),
      checkCount: 8,
      maxScore: expect.any(Number),
    });
  });

  test('GET /api/labs/:id has the task, the starter files, the checks and the limits, never the solution', async () => {
    const response = await fetch(`${server.url}/api/labs/rate-limiter`);
    expect(response.status).toBe(200);
    const lab = (await response.json()) as LabDetail;
    expect(lab.readme).toMatch(/rate/i);
    expect(lab.entry).toBe('src/server.ts');
    expect(lab.starterFiles.map((file) => file.path)).toContain('src/server.ts');
    expect(lab.checks.map((check) => check.id)).toContain('contract');
    expect(lab.checks[0]).toEqual({ id: expect.any(String), title: expect.any(String), points: expect.any(Number) });
    expect(lab.profiles.map((profile) => profile.name)).toEqual(['quick', 'full']);
    expect(lab.limits).toMatchObject({ maxFiles: 50, maxFileBytes: 204_800 });
    expect(lab).toHaveProperty('diagram');
    expect(JSON.stringify(lab)).not.toContain('token-bucket');
  });

  test('an unknown lab and an unknown route answer 404 in the error shape', async () => {
    const lab = await fetch(`${server.url}/api/labs/no-such-lab`);
    expect(lab.status).toBe(404);
    expect(await lab.json()).toEqual({ error: { code: 'unknown-lab', message: expect.stringContaining('no-such-lab') } });
    const route = await fetch(`${server.url}/api/nothing-here`);
    expect(route.status).toBe(404);
    expect(await route.json()).toEqual({ error: { code: 'not-found', message: 'no route GET /api/nothing-here' } });
  });

  test('GET /api/health is 200 while both stores answer and 503 when Redis is gone', async () => {
    const up = await fetch(`${server.url}/api/health`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ok: true, postgres: 'up', redis: 'up' });
    await stores.redis.faults.kill();
    const down = await fetch(`${server.url}/api/health`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false, postgres: 'up', redis: 'down' });
    await stores.redis.faults.restart();
  });
});

import { describe, expect, it } from 'vitest';
import { epochNow, LoadOptionsError, runClosedLoop } from '../src/index.ts';
import { startHttpServer, unusedPort } from './support/test-server.ts';

describe('runClosedLoop', () => {
  it('keeps exactly N requests in flight', { retry: 2 }, async () => {
    let inFlight = 0;
    let maxSeen = 0;
    const server = await startHttpServer((_req, res, self) => {
      inFlight++;
      maxSeen = Math.max(maxSeen, inFlight);
      self.later(() => {
        inFlight--;
        res.end('ok');
      }, 20);
    });
    try {
      const result = await runClosedLoop({
        concurrency: 8,
        durationMs: 500,
        makeRequest: (index) => ({ target: server.origin, path: `/${index}` }),
      });
      expect(maxSeen).toBe(8);
      // Back to back: every worker got through several requests, and never more than 8 at a time
      // fit into 500 ms of 20 ms responses (plus one round started just before the end).
      expect(result.completed).toBeGreaterThanOrEqual(8 * 3);
      expect(result.completed).toBeLessThanOrEqual(8 * 26);
      expect(result.errors).toBe(0);
      result.records.forEach((record, i) => expect(record.index).toBe(i));
    } finally {
      await server.close();
    }
  });

  it('sends exactly totalRequests, spread over the targets makeRequest picks', async () => {
    const seen = new Map<string, number>();
    const a = await startHttpServer((req, res) => {
      seen.set(`a${req.url}`, (seen.get(`a${req.url}`) ?? 0) + 1);
      res.end();
    });
    const b = await startHttpServer((req, res) => {
      seen.set(`b${req.url}`, (seen.get(`b${req.url}`) ?? 0) + 1);
      res.end();
    });
    try {
      const result = await runClosedLoop({
        concurrency: 4,
        totalRequests: 50,
        makeRequest: (index) => ({ target: index % 2 === 0 ? a.origin : b.origin, path: '/x', tag: `k${index % 5}` }),
      });
      expect(result.records).toHaveLength(50);
      expect(result.completed).toBe(50);
      expect(seen).toEqual(new Map([['a/x', 25], ['b/x', 25]]));
      expect(result.records.filter((record) => record.tag === 'k3')).toHaveLength(10);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('paces each worker to minIntervalMs and never overlaps a worker\'s own requests', async () => {
    const server = await startHttpServer((_req, res) => res.end());
    try {
      const result = await runClosedLoop({
        concurrency: 2,
        durationMs: 500,
        minIntervalMs: 50,
        makeRequest: (_index, worker) => ({ target: server.origin, path: `/${worker}` }),
      });
      for (const path of ['/0', '/1']) {
        const mine = result.records.filter((record) => record.path === path);
        expect(mine.length).toBeGreaterThanOrEqual(8);
        expect(mine.length).toBeLessThanOrEqual(11);
        for (let i = 1; i < mine.length; i++) {
          expect(mine[i]!.sentAt - mine[i - 1]!.sentAt).toBeGreaterThanOrEqual(48);
          expect(mine[i]!.sentAt).toBeGreaterThanOrEqual(mine[i - 1]!.receivedAt);
        }
      }
    } finally {
      await server.close();
    }
  });

  it('stops starting requests once stopWhen matches a settled record', async () => {
    let served = 0;
    const server = await startHttpServer((_req, res) => {
      served++;
      res.statusCode = served >= 7 ? 429 : 200;
      res.end();
    });
    try {
      const result = await runClosedLoop({
        concurrency: 1,
        totalRequests: 100,
        makeRequest: () => ({ target: server.origin, path: '/' }),
        stopWhen: (record) => record.status === 429,
      });
      expect(result.records.map((record) => record.status)).toEqual([200, 200, 200, 200, 200, 200, 429]);
      expect(served).toBe(7);
    } finally {
      await server.close();
    }
  });

  it('captures only the asked-for headers, lower-cased, and a capped body', async () => {
    const server = await startHttpServer((req, res) => {
      res.statusCode = req.url === '/limited' ? 429 : 200;
      res.setHeader('X-RateLimit-Remaining', '7');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.setHeader('X-Other', 'not captured');
      res.end('0123456789');
    });
    try {
      const result = await runClosedLoop({
        concurrency: 1,
        totalRequests: 2,
        captureHeaders: ['x-ratelimit-remaining', 'SET-COOKIE', 'x-absent'],
        captureBody: true,
        maxBodyBytes: 4,
        makeRequest: (index) => ({ target: server.origin, path: index === 0 ? '/ok' : '/limited' }),
      });
      expect(result.records.map((record) => [record.status, record.headers, record.body])).toEqual([
        [200, { 'x-ratelimit-remaining': '7', 'set-cookie': 'a=1, b=2' }, '0123'],
        [429, { 'x-ratelimit-remaining': '7', 'set-cookie': 'a=1, b=2' }, '0123'],
      ]);
      expect(result.byStatus).toEqual({ '200': 1, '429': 1 });
    } finally {
      await server.close();
    }
  });

  it('sends the method, headers and body of each spec as given', async () => {
    const server = await startHttpServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => res.end(`${req.method} ${req.url} ${req.headers['x-api-key']} ${body}`));
    });
    try {
      const result = await runClosedLoop({
        concurrency: 1,
        totalRequests: 2,
        captureBody: true,
        makeRequest: (index) =>
          index === 0
            ? { target: server.origin, path: '/take?n=1', method: 'POST', headers: { 'x-api-key': 'k7' }, body: 'héllo' }
            : { target: server.origin, path: '/peek', headers: { 'x-api-key': 'k8' } },
      });
      expect(result.records.map((record) => record.body)).toEqual(['POST /take?n=1 k7 héllo', 'GET /peek k8 ']);
    } finally {
      await server.close();
    }
  });

  it('reads chunked responses written in pieces over time', async () => {
    const server = await startHttpServer((_req, res, self) => {
      res.write('first,');
      self.later(() => res.write('second,'), 10);
      self.later(() => res.end('third'), 20);
    });
    try {
      const result = await runClosedLoop({
        concurrency: 2,
        totalRequests: 4,
        captureBody: true,
        captureHeaders: ['transfer-encoding'],
        makeRequest: () => ({ target: server.origin, path: '/' }),
      });
      for (const record of result.records) {
        expect(record).toMatchObject({ status: 200, body: 'first,second,third', headers: { 'transfer-encoding': 'chunked' } });
        expect(record.error).toBeUndefined();
      }
    } finally {
      await server.close();
    }
  });

  it('times out a stuck request and keeps the worker going', async () => {
    const server = await startHttpServer((req, res) => {
      if (req.url !== '/stuck') res.end('ok');
    });
    try {
      const result = await runClosedLoop({
        concurrency: 1,
        totalRequests: 4,
        timeoutMs: 100,
        makeRequest: (index) => ({ target: server.origin, path: index === 1 ? '/stuck' : '/fine' }),
      });
      expect(result.records.map((record) => record.error ?? record.status)).toEqual([200, 'timeout', 200, 200]);
      const stuck = result.records[1]!;
      expect(stuck.status).toBe(0);
      expect(stuck.receivedAt - stuck.sentAt).toBeGreaterThanOrEqual(99);
      expect(stuck.receivedAt - stuck.sentAt).toBeLessThan(300);
    } finally {
      await server.close();
    }
  });

  it('records refused connections and keeps going until totalRequests', async () => {
    const port = await unusedPort();
    const result = await runClosedLoop({
      concurrency: 3,
      totalRequests: 9,
      makeRequest: () => ({ target: `http://127.0.0.1:${port}`, path: '/' }),
    });
    expect(result.byError).toEqual({ ECONNREFUSED: 9 });
    expect(result.sent).toBe(9);
  });

  it('stops on abort and resolves with the records so far', async () => {
    const server = await startHttpServer((_req, res, self) => self.later(() => res.end(), 50));
    const controller = new AbortController();
    const abortTimer = setTimeout(() => controller.abort(), 175);
    try {
      const started = epochNow();
      const result = await runClosedLoop({
        concurrency: 2,
        durationMs: 10_000,
        signal: controller.signal,
        makeRequest: () => ({ target: server.origin, path: '/' }),
      });
      expect(epochNow() - started).toBeLessThan(1000);
      expect(result.aborted).toBe(true);
      expect(result.byError).toEqual({ aborted: 2 });
      expect(result.completed).toBeGreaterThanOrEqual(4);
      expect(result.completed).toBeLessThanOrEqual(8);
    } finally {
      clearTimeout(abortTimer);
      await server.close();
    }
  });

  it('resolves at once, aborted and empty, when the signal is already aborted', async () => {
    const result = await runClosedLoop({
      concurrency: 2,
      totalRequests: 5,
      signal: AbortSignal.abort(),
      makeRequest: () => ({ target: 'http://127.0.0.1:9', path: '/' }),
    });
    expect(result).toMatchObject({ aborted: true, sent: 0, records: [] });
  });

  it('rejects impossible options', async () => {
    const makeRequest = () => ({ target: 'http://127.0.0.1:1', path: '/' });
    await expect(runClosedLoop({ concurrency: 0, durationMs: 10, makeRequest })).rejects.toThrow(/concurrency/);
    await expect(runClosedLoop({ concurrency: 1, makeRequest })).rejects.toThrow(LoadOptionsError);
    await expect(
      runClosedLoop({ concurrency: 1, totalRequests: 1, makeRequest: () => ({ target: '', path: '/' }) }),
    ).rejects.toThrow(/makeRequest\(0\)\.target/);
    await expect(
      runClosedLoop({
        concurrency: 1,
        totalRequests: 1,
        makeRequest: () => ({ target: 'http://127.0.0.1:1', path: '/', headers: { 'Content-Length': '3' } }),
      }),
    ).rejects.toThrow(/managed by the load generator/);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { epochNow, LoadOptionsError, maxInSlidingWindow, runOpenLoop } from '../src/index.ts';
import { startHttpServer, unusedPort } from './support/test-server.ts';

describe('runOpenLoop', () => {
  // Timing claims on cores shared with other work: tolerant bounds, and a retry for a moment when
  // another process takes the CPU away. Broken spacing fails every attempt.
  it('sends 500 req/s for 1 s as 500 evenly spaced arrivals', { retry: 2 }, async () => {
    const arrivals: number[] = [];
    const server = await startHttpServer((_req, res) => {
      arrivals.push(epochNow());
      res.end('ok');
    });
    try {
      const result = await runOpenLoop({
        ratePerSec: 500,
        durationMs: 1000,
        makeRequest: () => ({ target: server.origin, path: '/hit' }),
      });
      expect(result.records).toHaveLength(500);
      expect(result.completed).toBe(500);
      expect(result.byStatus).toEqual({ '200': 500 });
      expect(arrivals).toHaveLength(500);
      // The schedule itself is exact: arrival i is due at startedAt + 2 i ms.
      result.records.forEach((record, i) => expect(record.scheduledAt - result.startedAt).toBeCloseTo(i * 2, 6));
      // And the sends follow it. Medians, because other processes sharing the cores can stall any
      // single moment (the records then show the lateness honestly); batched sends would fail here.
      expect(result.sendLateness.p50).toBeLessThan(2);
      const gaps = arrivals.slice(1).map((time, i) => time - arrivals[i]!).sort((x, y) => x - y);
      const medianGapMs = gaps[Math.floor(gaps.length / 2)]!;
      expect(medianGapMs).toBeGreaterThan(1.7);
      expect(medianGapMs).toBeLessThan(2.3);
      expect(maxInSlidingWindow(arrivals, 100).count).toBeLessThan(100);
    } finally {
      await server.close();
    }
  });

  it('records a due arrival as generator-saturated instead of delaying it when maxInFlight is reached', async () => {
    let inFlight = 0;
    let maxSeen = 0;
    const server = await startHttpServer((_req, res, self) => {
      inFlight++;
      maxSeen = Math.max(maxSeen, inFlight);
      self.later(() => {
        inFlight--;
        res.end('slow');
      }, 200);
    });
    try {
      const result = await runOpenLoop({
        ratePerSec: 100,
        durationMs: 300,
        maxInFlight: 5,
        makeRequest: (index) => ({ target: server.origin, path: `/${index}` }),
      });
      expect(result.records).toHaveLength(30);
      expect(maxSeen).toBe(5);
      expect(result.dropped).toBeGreaterThan(10);
      expect(result.sent + result.dropped).toBe(30);
      expect(result.byError['generator-saturated']).toBe(result.dropped);
      const dropped = result.records.filter((record) => record.error === 'generator-saturated');
      // Dropped at their own time, not later.
      for (const record of dropped) expect(record.sentAt - record.scheduledAt).toBeLessThan(20);
    } finally {
      await server.close();
    }
  });

  it('ends requests that outlive timeoutMs with status 0 and error "timeout"', async () => {
    const server = await startHttpServer(() => undefined);
    try {
      const result = await runOpenLoop({
        ratePerSec: 50,
        durationMs: 100,
        timeoutMs: 150,
        makeRequest: () => ({ target: server.origin, path: '/never' }),
      });
      expect(result.records).toHaveLength(5);
      for (const record of result.records) {
        expect(record).toMatchObject({ status: 0, error: 'timeout' });
        expect(record.receivedAt - record.scheduledAt).toBeGreaterThanOrEqual(149);
        expect(record.receivedAt - record.scheduledAt).toBeLessThan(400);
      }
      expect(result.errors).toBe(5);
      expect(result.completed).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('records a refused connection as ECONNREFUSED without throwing', async () => {
    const port = await unusedPort();
    const result = await runOpenLoop({
      ratePerSec: 100,
      durationMs: 50,
      makeRequest: () => ({ target: `http://127.0.0.1:${port}`, path: '/' }),
    });
    expect(result.records).toHaveLength(5);
    expect(result.byError).toEqual({ ECONNREFUSED: 5 });
    expect(result.records.every((record) => record.status === 0)).toBe(true);
  });

  it('stops on abort, marks the requests in flight "aborted" and resolves with what happened', async () => {
    const server = await startHttpServer((_req, res, self) => self.later(() => res.end('late'), 2000));
    const controller = new AbortController();
    const abortTimer = setTimeout(() => controller.abort(), 200);
    try {
      const started = epochNow();
      const result = await runOpenLoop({
        ratePerSec: 100,
        durationMs: 5000,
        signal: controller.signal,
        makeRequest: () => ({ target: server.origin, path: '/' }),
      });
      expect(epochNow() - started).toBeLessThan(1000);
      expect(result.aborted).toBe(true);
      expect(result.records.length).toBeGreaterThan(10);
      expect(result.records.length).toBeLessThan(40);
      expect(result.records.every((record) => record.error === 'aborted')).toBe(true);
    } finally {
      clearTimeout(abortTimer);
      await server.close();
    }
  });

  it('reports progress while running', async () => {
    const server = await startHttpServer((_req, res) => res.end());
    const reports: number[] = [];
    try {
      await runOpenLoop({
        ratePerSec: 200,
        durationMs: 300,
        progressIntervalMs: 50,
        makeRequest: () => ({ target: server.origin, path: '/' }),
        onProgress: (progress) => reports.push(progress.sent),
      });
      expect(reports.length).toBeGreaterThanOrEqual(4);
      expect(reports.at(-1)).toBe(60);
    } finally {
      await server.close();
    }
  });

  it('rejects impossible options with a LoadOptionsError naming the option', async () => {
    const makeRequest = () => ({ target: 'http://127.0.0.1:1', path: '/' });
    await expect(runOpenLoop({ ratePerSec: 0, durationMs: 100, makeRequest })).rejects.toThrow(/ratePerSec/);
    await expect(runOpenLoop({ ratePerSec: 10, durationMs: -1, makeRequest })).rejects.toThrow(LoadOptionsError);
    await expect(
      runOpenLoop({ ratePerSec: 10, durationMs: 100, makeRequest: () => ({ target: 'ftp://127.0.0.1', path: '/' }) }),
    ).rejects.toThrow(/makeRequest\(0\)\.target/);
    await expect(
      runOpenLoop({ ratePerSec: 10, durationMs: 100, makeRequest: () => ({ target: 'http://127.0.0.1:1/api', path: '/' }) }),
    ).rejects.toThrow(/origin/);
    await expect(
      runOpenLoop({ ratePerSec: 10, durationMs: 100, makeRequest: () => ({ target: 'http://127.0.0.1:1', path: 'x' }) }),
    ).rejects.toThrow(/makeRequest\(0\)\.path/);
  });

  it('rethrows an error from makeRequest after closing what it opened', async () => {
    const server = await startHttpServer((_req, res, self) => self.later(() => res.end(), 500));
    try {
      const failure = new Error('no more keys');
      await expect(
        runOpenLoop({
          ratePerSec: 100,
          durationMs: 500,
          makeRequest: (index) => {
            if (index === 3) throw failure;
            return { target: server.origin, path: '/' };
          },
        }),
      ).rejects.toBe(failure);
      const openConnections = (): Promise<number> =>
        new Promise((resolve, reject) =>
          server.http.getConnections((error, count) => (error ? reject(error) : resolve(count))),
        );
      // The server learns of the closes a moment after our sockets are gone.
      await vi.waitFor(async () => expect(await openConnections()).toBe(0), { timeout: 1000, interval: 20 });
    } finally {
      await server.close();
    }
  });
});

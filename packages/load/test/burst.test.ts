import { describe, expect, it } from 'vitest';
import { burst, epochNow, LoadOptionsError } from '../src/index.ts';
import type { RequestSpec } from '../src/index.ts';
import { startRecordingServer } from './support/recording-server.ts';
import { startHttpServer, startRawServer, unusedPort } from './support/test-server.ts';

describe('burst', () => {
  it('lands 200 requests together, every socket connected before the first byte of any request', { retry: 2 }, async () => {
    const server = await startRecordingServer('raw');
    try {
      const requests = (count: number): RequestSpec[] =>
        Array.from({ length: count }, (_, i) => ({ target: server.origin, path: `/take?key=k${i % 7}`, tag: `k${i % 7}` }));
      // Warm the child's JIT so what is measured is our barrier, not its first-connection cost.
      await burst(requests(20));
      await server.takeRecording();

      // A generous settle: the child may be starved of CPU by the test files running beside this one,
      // and what is asserted here is the barrier, not how fast it accepts.
      const records = await burst(requests(200), { settleMs: 100 });
      const { connectedAt, arrivedAt } = await server.takeRecording();
      expect(connectedAt).toHaveLength(200);
      expect(arrivedAt).toHaveLength(200);
      expect(Math.max(...connectedAt)).toBeLessThan(Math.min(...arrivedAt));
      // One write syscall per socket costs ~10-15 µs on a small VM, so 200 sockets take a few ms to
      // write and a few more to read; connecting them took far longer than that.
      const arrivalSpreadMs = Math.max(...arrivedAt) - Math.min(...arrivedAt);
      expect(arrivalSpreadMs).toBeLessThan(20);
      const sentAt = records.map((record) => record.sentAt);
      expect(Math.max(...sentAt) - Math.min(...sentAt)).toBeLessThan(15);
      records.forEach((record, i) => {
        expect(record).toMatchObject({ index: i, status: 200, tag: `k${i % 7}` });
        expect(record.scheduledAt).toBe(records[0]!.scheduledAt);
        expect(record.receivedAt).toBeGreaterThanOrEqual(record.sentAt);
      });
    } finally {
      await server.close();
    }
  });

  it('gives a node:http server every connection before the first request reaches it', async () => {
    const server = await startRecordingServer('http');
    try {
      const records = await burst(
        Array.from({ length: 100 }, (_, i) => ({ target: server.origin, path: `/${i}` })),
        { captureHeaders: ['content-length'], settleMs: 100 },
      );
      const { connectedAt, arrivedAt } = await server.takeRecording();
      expect(arrivedAt).toHaveLength(100);
      expect(Math.max(...connectedAt)).toBeLessThan(Math.min(...arrivedAt));
      expect(records.every((record) => record.status === 200 && record.headers['content-length'] === '2')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reads chunked, content-length, until-close, HEAD and 204 responses', async () => {
    const server = await startHttpServer((req, res) => {
      switch (req.url) {
        case '/chunked':
          res.write('ab');
          res.end('cd');
          return;
        case '/close':
          // HTTP/1.0-style body: no length, no chunking, ends when the connection closes.
          res.useChunkedEncodingByDefault = false;
          res.shouldKeepAlive = false;
          res.removeHeader('transfer-encoding');
          res.writeHead(200, { connection: 'close' });
          res.end('until-close');
          return;
        case '/empty':
          res.writeHead(204).end();
          return;
        default:
          res.setHeader('content-length', '5');
          res.end(req.method === 'HEAD' ? undefined : 'fixed');
      }
    });
    try {
      const records = await burst(
        [
          { target: server.origin, path: '/chunked' },
          { target: server.origin, path: '/close' },
          { target: server.origin, path: '/empty' },
          { target: server.origin, path: '/fixed' },
          { target: server.origin, path: '/fixed', method: 'HEAD' },
          { target: server.origin, path: '/fixed', method: 'POST', body: 'payload', headers: { 'content-type': 'text/plain' } },
        ],
        { captureBody: true },
      );
      expect(records.map((r) => [r.status, r.body, r.error])).toEqual([
        [200, 'abcd', undefined],
        [200, 'until-close', undefined],
        [204, '', undefined],
        [200, 'fixed', undefined],
        [200, '', undefined],
        [200, 'fixed', undefined],
      ]);
    } finally {
      await server.close();
    }
  });

  it('parses a chunked response that arrives a few bytes at a time, after a 100 Continue', async () => {
    const response =
      'HTTP/1.1 100 Continue\r\n\r\n' +
      'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '4;ext=1\r\nslow\r\n1\r\n,\r\n5\r\ndown!\r\n0\r\nx-trailer: t\r\n\r\n';
    const server = await startRawServer((socket) => {
      socket.once('data', () => {
        let offset = 0;
        const drip = (): void => {
          if (socket.destroyed) return;
          socket.write(response.slice(offset, offset + 3));
          offset += 3;
          if (offset < response.length) setTimeout(drip, 1);
        };
        drip();
      });
    });
    try {
      const [record] = await burst([{ target: server.origin, path: '/' }], { captureHeaders: ['retry-after'], captureBody: true });
      expect(record).toMatchObject({ status: 429, headers: { 'retry-after': '1' }, body: 'slow,down!' });
      expect(record?.error).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('reports garbage as bad-response and a cut-off body as incomplete-body', async () => {
    const server = await startRawServer((socket) => {
      socket.once('data', (data) => {
        if (data.toString().startsWith('GET /garbage')) socket.end('SMTP ready\r\n\r\n');
        else socket.end('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nonly5');
      });
    });
    try {
      const records = await burst([
        { target: server.origin, path: '/garbage' },
        { target: server.origin, path: '/short' },
      ]);
      expect(records.map((r) => [r.status, r.error])).toEqual([
        [0, 'bad-response'],
        [200, 'incomplete-body'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('times out requests that get no answer and refuses nothing silently', async () => {
    const server = await startHttpServer((req, res) => {
      if (req.url === '/ok') res.end('ok');
    });
    const closedPort = await unusedPort();
    try {
      const started = epochNow();
      const records = await burst(
        [
          { target: server.origin, path: '/ok' },
          { target: server.origin, path: '/hang' },
          { target: `http://127.0.0.1:${closedPort}`, path: '/' },
        ],
        { timeoutMs: 150 },
      );
      expect(epochNow() - started).toBeLessThan(1000);
      expect(records.map((r) => r.error ?? r.status)).toEqual([200, 'timeout', 'ECONNREFUSED']);
      const hung = records[1]!;
      expect(hung.status).toBe(0);
      expect(hung.receivedAt - hung.sentAt).toBeGreaterThanOrEqual(149);
    } finally {
      await server.close();
    }
  });

  it('aborts: requests in flight end as "aborted" and every socket is closed', async () => {
    const server = await startHttpServer(() => undefined);
    const controller = new AbortController();
    const abortTimer = setTimeout(() => controller.abort(), 100);
    try {
      const records = await burst(
        Array.from({ length: 10 }, () => ({ target: server.origin, path: '/hang' })),
        { signal: controller.signal, timeoutMs: 5000 },
      );
      expect(records.every((record) => record.error === 'aborted' && record.status === 0)).toBe(true);
      await expect
        .poll(() => new Promise((resolve) => server.http.getConnections((_error, count) => resolve(count))), { timeout: 1000 })
        .toBe(0);
    } finally {
      clearTimeout(abortTimer);
      await server.close();
    }
  });

  it('rejects an empty burst and malformed specs before opening anything', async () => {
    await expect(burst([])).rejects.toThrow(LoadOptionsError);
    await expect(burst([{ target: 'http://127.0.0.1:1', path: '/a b' }])).rejects.toThrow(/requests\(0\)\.path/);
    await expect(
      burst([{ target: 'http://127.0.0.1:1', path: '/', headers: { 'x-evil': 'a\r\nx-injected: 1' } }]),
    ).rejects.toThrow(/requests\(0\)\.headers/);
  });
});

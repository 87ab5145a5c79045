import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { pendingRecord } from './record.ts';
import { UndiciExchange } from './undici-exchange.ts';

let warmedUp: Promise<void> | undefined;

/**
 * The first undici exchange in a process compiles its WASM HTTP parser and JIT-compiles the request
 * path (~10 ms of blocked event loop), which would make the first arrivals of the first open-loop run
 * late and then sent in a clump. Paying that before the clock starts, through the same code path but
 * against a throwaway loopback responder (never the target, which must see only the scheduled
 * requests), keeps the schedule honest. Once per process; a failure here only costs the benefit.
 */
export function warmUpHttpClient(): Promise<void> {
  warmedUp ??= exchangeWithLoopbackResponder().catch(() => undefined);
  return warmedUp;
}

const WARM_UP_EXCHANGES = 3;

async function exchangeWithLoopbackResponder(): Promise<void> {
  const responder = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', () => socket.write('HTTP/1.1 204 No Content\r\n\r\n'));
  });
  await new Promise<void>((resolve, reject) => {
    responder.once('error', reject);
    responder.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(responder.address() as AddressInfo).port}`;
  const pool = new Pool(origin, { connections: null, pipelining: 1, headersTimeout: 0, bodyTimeout: 0 });
  try {
    const settings = { captureHeaders: ['content-type'], captureBody: false, maxBodyBytes: 0, timeoutMs: 2000 };
    for (let i = 0; i < WARM_UP_EXCHANGES; i++) {
      const spec = { target: origin, path: '/' };
      await new Promise<void>((resolve) => {
        new UndiciExchange(pendingRecord(i, spec, 0), settings, () => resolve()).start(pool, spec);
      });
    }
  } finally {
    await pool.destroy();
    await new Promise<void>((resolve) => responder.close(() => resolve()));
  }
}

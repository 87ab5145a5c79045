import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { makeTempDir, type TempDir } from '@archlab/proc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceUnavailableError, probeDocker, startRedis } from '../src/index.ts';
import { envWith } from './helpers.ts';

// No Docker daemon can run here, so these stand in for one on real unix sockets: the probe is the only
// part of the docker provider that is exercised without a daemon.

let dir: TempDir;
const servers: Server[] = [];

beforeEach(async () => {
  dir = await makeTempDir('archlab-probe-test-');
});

afterEach(async () => {
  for (const server of servers.splice(0)) {
    const closed = new Promise((resolve) => server.close(resolve));
    openSockets.get(server)?.forEach((socket) => socket.destroy());
    await closed;
  }
  await dir.remove();
});

const openSockets = new WeakMap<Server, Set<Socket>>();

/** Listens on a unix socket, remembering connections so the test can close the server without waiting on them. */
function listen(server: Server, socketPath: string): Promise<string> {
  const sockets = new Set<Socket>();
  openSockets.set(server, sockets);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  servers.push(server);
  return new Promise((resolve) => server.listen(socketPath, () => resolve(socketPath)));
}

/** Answers like a daemon: GET /_ping -> 200 "OK". */
function fakeDaemon(name: string, status = 200, body = 'OK'): Promise<string> {
  const server = createHttpServer((req, res) => {
    res.writeHead(req.url === '/_ping' ? status : 404, { 'content-type': 'text/plain' });
    res.end(body);
  });
  return listen(server, join(dir.path, name));
}

/** Accepts connections and never says a word (the case that hangs testcontainers forever). */
function silentSocket(name: string): Promise<string> {
  return listen(createNetServer(), join(dir.path, name));
}

describe('probeDocker', () => {
  it('reports a daemon that answers GET /_ping with OK', async () => {
    const socketPath = await fakeDaemon('docker.sock');
    expect(await probeDocker({ socketPath })).toEqual({
      available: true,
      reason: `daemon answered on unix://${socketPath}: GET /_ping -> 200 "OK"`,
    });
  });

  it('reads DOCKER_HOST=unix://...', async () => {
    const socketPath = await fakeDaemon('docker.sock');
    const result = await probeDocker({ env: { DOCKER_HOST: `unix://${socketPath}` } });
    expect(result.available).toBe(true);
  });

  it('gives up on a socket that accepts and never answers, within the timeout', async () => {
    const socketPath = await silentSocket('silent.sock');
    const started = Date.now();
    const result = await probeDocker({ socketPath, timeoutMs: 300 });
    const elapsed = Date.now() - started;
    expect(result).toEqual({
      available: false,
      reason: `no daemon on unix://${socketPath}: no answer to GET /_ping within 300 ms`,
    });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
  });

  it('waits about 1.5 s by default', async () => {
    const socketPath = await silentSocket('silent.sock');
    const result = await probeDocker({ socketPath });
    expect(result.reason).toContain('within 1500 ms');
  });

  it('reports a missing socket', async () => {
    const socketPath = join(dir.path, 'missing.sock');
    const result = await probeDocker({ socketPath });
    expect(result.available).toBe(false);
    expect(result.reason).toContain('ENOENT');
  });

  it('does not count an answer other than 200 OK', async () => {
    const socketPath = await fakeDaemon('broken.sock', 500, 'Internal Server Error');
    const result = await probeDocker({ socketPath });
    expect(result.available).toBe(false);
    expect(result.reason).toContain('GET /_ping -> 500');
  });
});

describe('a forced docker provider without a daemon', () => {
  it('fails with ServiceUnavailableError naming the socket and why', async () => {
    const socketPath = await silentSocket('silent.sock');
    const env = envWith({ ARCHLAB_SERVICES: 'docker', DOCKER_HOST: `unix://${socketPath}` });
    const error = (await startRedis({ env }).catch((caught: unknown) => caught)) as ServiceUnavailableError;
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.tried).toEqual([`docker: no daemon on unix://${socketPath}: no answer to GET /_ping within 1500 ms`]);
  });
});

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';

export interface TestServer {
  origin: string;
  port: number;
  /** A timer that is cleared when the server closes. */
  later(fn: () => void, ms: number): void;
  close(): Promise<void>;
}

/** A real node:http server on 127.0.0.1 with an OS-chosen port. */
export async function startHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse, server: TestServer) => void,
): Promise<TestServer & { http: Server }> {
  const http = createServer();
  const timers = new Set<NodeJS.Timeout>();
  const port = await listen(http);
  const server = {
    http,
    origin: `http://127.0.0.1:${port}`,
    port,
    later(fn: () => void, ms: number): void {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer);
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
  http.on('request', (req, res) => handler(req, res, server));
  return server;
}

/** A raw TCP server, for responses node:http would never write (split anywhere, odd framing). */
export async function startRawServer(onConnection: (socket: Socket) => void): Promise<{ origin: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const net = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  const port = await listen(net);
  return {
    origin: `http://127.0.0.1:${port}`,
    async close(): Promise<void> {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => net.close(() => resolve()));
    },
  };
}

/** A loopback port nothing listens on (it was just released by a server we closed). */
export async function unusedPort(): Promise<number> {
  const net = createNetServer();
  const port = await listen(net);
  await new Promise<void>((resolve) => net.close(() => resolve()));
  return port;
}

async function listen(server: Server | NetServer): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

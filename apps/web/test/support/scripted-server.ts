// A real HTTP server on 127.0.0.1 whose answers a test writes: for what the real API cannot be made to do
// on cue (answer 503 once, cut an event stream half-way). Every request it saw is recorded.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface ScriptedServer {
  origin: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startScriptedServer(handle: (request: SeenRequest, response: ServerResponse, index: number) => void): Promise<ScriptedServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      handle(seen, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the scripted server did not bind a TCP port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

import { createServer, type ServerResponse } from 'node:http';
import type { Limiter } from './decision.ts';

const maxKeyLength = 256;

export interface ServeOptions {
  port: number;
  limit: number;
  limiter: Limiter;
  /** Called when the limiter fails and the request is let through (fail open). */
  onLimiterError?: (error: unknown) => void;
}

const seconds = (ms: number) => Math.ceil(ms / 1000);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The HTTP contract: /healthz, and /api/ping limited per X-Api-Key. Redis trouble fails open. */
export function serve({ port, limit, limiter, onLimiterError }: ServeOptions) {
  const server = createServer(async (req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
    if (req.method !== 'GET' || path !== '/api/ping') return send(res, 404, { error: 'not found' });

    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || key.trim() === '' || key.length > maxKeyLength) {
      return send(res, 400, { error: `X-Api-Key must be 1..${maxKeyLength} characters` });
    }
    try {
      const decision = await limiter(key);
      const headers = {
        'RateLimit-Limit': limit,
        'RateLimit-Remaining': Math.max(0, Math.floor(decision.remaining)),
        'RateLimit-Reset': seconds(decision.resetMs),
      };
      if (decision.allowed) return send(res, 200, { ok: true }, headers);
      return send(res, 429, { error: 'rate limited' }, { ...headers, 'Retry-After': Math.max(1, seconds(decision.retryAfterMs)) });
    } catch (error) {
      onLimiterError?.(error);
      return send(res, 200, { ok: true, limited: false }, { 'RateLimit-Limit': limit, 'RateLimit-Remaining': limit, 'RateLimit-Reset': 0 });
    }
  });
  server.listen(port, '127.0.0.1');
  return server;
}

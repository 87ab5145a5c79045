// Rate limiter lab: start here. Read the lab's README for the full contract.
//
// This server starts and answers, but it limits nothing: every /api/ping gets a 200 with no RateLimit
// headers. Make it limit each X-Api-Key to RATE_LIMIT requests per RATE_WINDOW_MS, with the state in the
// Redis at REDIS_URL, so that several instances of this server enforce one shared limit.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 3000);

const server = createServer((req, res) => {
  const path = req.url?.split('?')[0];
  if (req.method === 'GET' && path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ ok: true }));
  }
  if (req.method === 'GET' && path === '/api/ping') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ ok: true }));
  }
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close());

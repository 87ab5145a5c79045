import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from './api-error.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

function fileInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  return existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
}

function sendFile(reply: FastifyReply, path: string, immutable: boolean) {
  return reply
    .header('content-type', contentTypes[extname(path)] ?? 'application/octet-stream')
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .send(createReadStream(path));
}

/**
 * Serves the built web app (Vite's dist/) under `/`, so that one URL holds app and API. Paths that are not
 * files get index.html (the SPA routes them); /api/* never falls back to it.
 */
export function serveWebApp(app: FastifyInstance, distDir: string): void {
  const root = normalize(distDir);
  app.get('/*', (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/')) {
      throw new ApiError(404, 'not-found', `no route GET ${path}`);
    }
    const file = path === '/' ? undefined : fileInside(root, path);
    if (file) return sendFile(reply, file, path.startsWith('/assets/'));
    const index = join(root, 'index.html');
    if (!existsSync(index)) throw new ApiError(404, 'not-found', 'the web app is not built (pnpm --filter @archlab/web build)');
    return sendFile(reply, index, false);
  });
}

// Serves a built copy of the app (vite's preview server: static files with a single-page fallback)
// on loopback only. Used by `npm start` / `pnpm serve`, the end-to-end tests and the bench.
import { resolve } from 'node:path';
import { preview } from 'vite';

export interface ServeAppOptions {
  /** The vite build output. Default: apps/web/dist. */
  distDir?: string;
  /** Port on 127.0.0.1; 0 picks a free one. Default 0. */
  port?: number;
}

export interface ServedApp {
  /** Base URL with a trailing slash, e.g. http://127.0.0.1:4173/ */
  url: string;
  close(): Promise<void>;
}

export class ServeAppError extends Error {
  override readonly name = 'ServeAppError';
}

const appRoot = resolve(import.meta.dirname, '..');

export async function serveApp(options: ServeAppOptions = {}): Promise<ServedApp> {
  const server = await preview({
    configFile: false,
    root: appRoot,
    appType: 'spa',
    logLevel: 'warn',
    build: { outDir: options.distDir ?? resolve(appRoot, 'dist') },
    preview: { host: '127.0.0.1', port: options.port ?? 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') {
    await server.close();
    throw new ServeAppError('the preview server did not bind a TCP port');
  }
  return { url: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}

// `pnpm serve` / `npm start`: serves the built app on 127.0.0.1 (PORT, default 4173) and prints its URL.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveApp } from './serve-app.ts';

const DEFAULT_PORT = 4173;
const distDir = resolve(import.meta.dirname, '..', 'dist');

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${value}"`);
  }
  return port;
}

if (!existsSync(resolve(distDir, 'index.html'))) {
  process.stderr.write('apps/web is not built yet: run `pnpm --filter @archlab/web build` first.\n');
  process.exit(2);
}
const app = await serveApp({ distDir, port: portFromEnv(process.env['PORT']) });
process.stdout.write(`archlab web: ${app.url}\n`);
let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  void app.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

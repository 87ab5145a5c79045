// The JavaScript a page made the browser load, gzipped as a server would send it: main thread and workers
// apart, and whether any of it is Monaco.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export interface PageScripts {
  mainThreadGzipBytes: number;
  workersGzipBytes: number;
  files: { file: string; gzipBytes: number; worker: boolean }[];
  monaco: boolean;
}

export async function pageScripts(page: Page, distDir: string, scripts: readonly string[]): Promise<PageScripts> {
  const workerUrls = new Set(page.workers().map((w) => new URL(w.url()).pathname));
  const sizes = { mainThreadGzipBytes: 0, workersGzipBytes: 0, files: [] as PageScripts['files'] };
  for (const pathname of new Set(scripts)) {
    const bytes = await readFile(join(distDir, pathname));
    const gzipBytes = gzipSync(bytes, { level: 9 }).length;
    const worker = workerUrls.has(pathname);
    sizes.files.push({ file: pathname, gzipBytes, worker });
    if (worker) sizes.workersGzipBytes += gzipBytes;
    else sizes.mainThreadGzipBytes += gzipBytes;
  }
  const chunks = await readdir(join(distDir, 'assets'));
  const monacoChunks = chunks.filter((f) => /monaco|editor\.worker/i.test(f));
  let monaco = false;
  for (const file of sizes.files) if ((await readFile(join(distDir, file.file), 'utf8')).includes('monaco-editor')) monaco = true;
  return { ...sizes, monaco: monaco || monacoChunks.some((c) => scripts.some((s) => s.endsWith(c))) };
}

/** Records the path of every script the page's context requests. */
export function recordScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.context().on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.endsWith('.js')) scripts.push(url.pathname);
  });
  return scripts;
}

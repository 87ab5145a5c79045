// Lab pages bench, in Chromium against a production build served by the real API: the gzipped JavaScript
// the catalogue (/labs) and the workspace (/labs/rate-limiter) load, whether Monaco is among it (only the
// workspace may load it), and the time from navigation to the editor showing the starter. Prints one JSON
// object.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { openBrowser } from '../test/e2e/chromium.ts';
import { startLabStack } from '../test/support/lab-stack.ts';
import { pageScripts, recordScripts } from './page-scripts.ts';

const appRoot = resolve(import.meta.dirname, '..');

async function measure(url: string, distDir: string, ready: (page: Page) => Promise<void>) {
  const browser = await openBrowser();
  try {
    const scripts = recordScripts(browser.page);
    const started = performance.now();
    await browser.page.goto(url);
    await ready(browser.page);
    const readyMs = Math.round(performance.now() - started);
    const { files, ...sizes } = await pageScripts(browser.page, distDir, scripts);
    return { ...sizes, readyMs, largestFiles: files.sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 4) };
  } finally {
    await browser.close();
  }
}

async function main() {
  const distDir = await mkdtemp(join(tmpdir(), 'archlab-web-lab-bench-'));
  try {
    await build({ root: appRoot, configFile: resolve(appRoot, 'vite.config.ts'), logLevel: 'error', build: { outDir: distDir, emptyOutDir: true } });
    const stack = await startLabStack({ webDist: distDir });
    try {
      const catalogue = await measure(`${stack.url}labs`, distDir, (page) => page.locator('.lab-card').first().waitFor({ timeout: 30_000 }));
      const workspace = await measure(`${stack.url}labs/rate-limiter`, distDir, (page) =>
        page.locator('.monaco-editor .view-lines').filter({ hasText: 'start here' }).waitFor({ timeout: 60_000 }),
      );
      process.stdout.write(`${JSON.stringify({ labsCataloguePageJs: catalogue, labWorkspacePageJs: workspace }, null, 2)}\n`);
    } finally {
      await stack.close();
    }
  } finally {
    await rm(distDir, { recursive: true, force: true });
  }
}

await main();

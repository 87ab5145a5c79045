// One end-to-end session: the built app served on loopback and a fresh Chromium pointed at it,
// with screenshots saved as artifacts. Everything it opens is closed by `close()`.
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { inject } from 'vitest';
import { serveApp } from '../../scripts/serve-app.ts';
import type { ServedApp } from '../../scripts/serve-app.ts';
import { offMachineRequests, openBrowser } from './chromium.ts';
import type { BrowserSession, OpenBrowserOptions } from './chromium.ts';

export const ARTIFACTS_DIR = resolve(import.meta.dirname, '..', '..', 'artifacts');

export interface AppHarness {
  app: ServedApp;
  browser: BrowserSession;
  page: Page;
  origin: string;
  /** Errors thrown in the page or logged to its console. */
  pageErrors: string[];
  screenshot(name: string): Promise<void>;
  /** URLs requested anywhere but loopback: must stay empty (the app works offline). */
  offMachine(): string[];
  close(): Promise<void>;
}

export interface StartAppOptions extends OpenBrowserOptions {
  /** What serves the built app. Default: the preview server (static files only, no API). */
  serve?: (distDir: string) => Promise<ServedApp>;
}

export async function startApp(options: StartAppOptions = {}): Promise<AppHarness> {
  const distDir = inject('webDistDir');
  const app = await (options.serve ?? ((dir) => serveApp({ distDir: dir })))(distDir);
  let browser: BrowserSession;
  try {
    browser = await openBrowser(options);
  } catch (error) {
    await app.close();
    throw error;
  }
  const origin = new URL(app.url).origin;
  const pageErrors: string[] = [];
  browser.page.on('pageerror', (error) => pageErrors.push(String(error)));
  browser.page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return {
    app,
    browser,
    page: browser.page,
    origin,
    pageErrors,
    screenshot: async (name) => void (await browser.page.screenshot({ path: resolve(ARTIFACTS_DIR, `${name}.png`) })),
    offMachine: () => offMachineRequests(browser.requests),
    async close() {
      try {
        await browser.close();
      } finally {
        await app.close();
      }
    },
  };
}

export function canvasNode(page: Page, id: string): Locator {
  return page.locator(`.react-flow__node[data-id="${id}"]`);
}

/** Drags a component from the palette onto the canvas at a point relative to the canvas. */
export async function dropComponent(page: Page, type: string, at: { x: number; y: number }): Promise<void> {
  await page.dragAndDrop(`[data-testid="palette-${type}"]`, '[data-testid="canvas"]', { targetPosition: at });
}

/** Drags from one node's output handle to another node's input handle, like a person would. */
export async function connectHandles(page: Page, from: string, to: string): Promise<void> {
  const source = await canvasNode(page, from).locator('.react-flow__handle.source').boundingBox();
  const target = await canvasNode(page, to).locator('.react-flow__handle.target').boundingBox();
  if (!source || !target) throw new Error(`handles of ${from} or ${to} are not on screen`);
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move((source.x + target.x) / 2, (source.y + target.y) / 2 + 20, { steps: 8 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 8 });
  await page.mouse.up();
}

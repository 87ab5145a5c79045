// Launches Debian's Chromium through playwright-core with a fresh profile and the flags that keep it
// from talking to the network on its own, and records every request the page makes so a test can
// prove that nothing left the machine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';

/** Where Debian's chromium package installs the browser; CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const QUIET_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Every URL the page (and its workers) requested. */
  requests: string[];
  close(): Promise<void>;
}

export interface OpenBrowserOptions {
  viewport?: { width: number; height: number };
  /** Where downloads land. */
  acceptDownloads?: boolean;
}

export async function openBrowser(options: OpenBrowserOptions = {}): Promise<BrowserSession> {
  // A fresh profile per run: playwright's persistent context is how it takes a --user-data-dir.
  const profile = await mkdtemp(join(tmpdir(), 'archlab-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: QUIET_FLAGS,
      headless: true,
      timeout: 30_000,
      viewport: options.viewport ?? { width: 1440, height: 900 },
      acceptDownloads: options.acceptDownloads ?? true,
    });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = context.pages()[0] ?? (await context.newPage());
    const opened = context;
    return {
      context: opened,
      page,
      requests,
      async close() {
        try {
          await opened.close();
        } finally {
          await rm(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Requests that left the machine: anything but loopback (data: and blob: URLs never leave the page). */
export function offMachineRequests(requests: readonly string[]): string[] {
  return requests.filter((url) => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return false;
    return !LOOPBACK_HOSTS.has(parsed.hostname);
  });
}

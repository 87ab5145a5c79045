// Getting designs in and out, as a user would: a share link opened in another browser, a JSON
// export imported back, a bad file refused with reasons, and PNG/SVG pictures.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, canvasNode, startApp } from './app-harness.ts';
import type { AppHarness } from './app-harness.ts';
import { offMachineRequests, openBrowser } from './chromium.ts';
import type { BrowserSession } from './chromium.ts';

let harness: AppHarness;
let other: BrowserSession;
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'archlab-web-files-'));
  harness = await startApp();
  other = await openBrowser();
});
afterAll(async () => {
  try {
    await harness?.close();
    await other?.close();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});

describe('share links and files, end to end in Chromium', () => {
  it('round-trips a design through a share link opened in a fresh browser', async () => {
    const { page } = harness;
    await page.goto(`${harness.app.url}sandbox?template=cached-reads`);
    await canvasNode(page, 'db-replica').waitFor();
    await canvasNode(page, 'cache').click();
    const instances = page.locator('[data-field="instances"] input');
    await instances.fill('3');
    await instances.press('Enter');
    await page.getByRole('button', { name: 'Share link' }).click();
    const link = await page.getByLabel('Share link', { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${harness.app.url}sandbox#design=d1\\.[A-Za-z0-9_-]+$`));

    await other.page.goto(link);
    await canvasNode(other.page, 'db-replica').waitFor();
    expect(await other.page.locator('.react-flow__node').count()).toBe(6);
    await expect.poll(() => other.page.locator('[data-testid="node-cache"] .arch-node-instances').textContent()).toBe('×3');
    expect(await other.page.locator('.notice').textContent()).toMatch(/^Opened the shared design "Cached reads/);
    expect(new URL(other.page.url()).hash).toBe('');
    await other.page.screenshot({ path: join(ARTIFACTS_DIR, 'share-opened-elsewhere.png') });
    expect(offMachineRequests(other.requests)).toEqual([]);
  });

  it('exports the JSON document and imports it back after clearing the canvas', async () => {
    const { page } = harness;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    expect(download.suggestedFilename()).toBe('cached-reads-cache-aside-in-front-of-replicas-writes-to-a-primary-with-a-standby.archlab.json');
    const file = join(scratch, download.suggestedFilename());
    await download.saveAs(file);
    const exported = JSON.parse(await readFile(file, 'utf8')) as { version: number; nodes: { id: string; props?: { instances?: number } }[] };
    expect(exported.version).toBe(1);
    expect(exported.nodes.find((n) => n.id === 'cache')?.props?.instances).toBe(3);

    await page.getByRole('button', { name: 'New' }).click();
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
    await page.getByTestId('import-file').setInputFiles(file);
    await canvasNode(page, 'cache').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(6);
    expect(await page.locator('.toolbar-message').textContent()).toMatch(/Opened cached-reads.*\(6 components\)/);
  });

  it('refuses a bad file and says why', async () => {
    const { page } = harness;
    const bad = join(scratch, 'bad.archlab.json');
    await writeFile(bad, JSON.stringify({ version: 1, classes: [], nodes: [{ id: 'x', type: 'mainframe' }], edges: [] }));
    await page.getByTestId('import-file').setInputFiles(bad);
    const alert = page.locator('.toolbar-message.error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/^bad\.archlab\.json is not a design archlab can open:.*node 'x'/);
    await writeFile(bad, '{"version": 1, "nodes": [');
    await page.getByTestId('import-file').setInputFiles(bad);
    await expect.poll(() => alert.textContent()).toMatch(/not JSON/);
    expect(await page.locator('.react-flow__node').count()).toBe(6);
    await harness.screenshot('import-refused');
  });

  it('exports PNG and SVG pictures of the whole design', async () => {
    const { page } = harness;
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
    const pngFile = join(scratch, png.suggestedFilename());
    await png.saveAs(pngFile);
    const bytes = await readFile(pngFile);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(5000);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'SVG' }).click()]);
    const svgFile = join(scratch, svg.suggestedFilename());
    await svg.saveAs(svgFile);
    const text = await readFile(svgFile, 'utf8');
    expect(text).toMatch(/^<svg/);
    expect(text).toContain('db-replica');
    expect(harness.offMachine()).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

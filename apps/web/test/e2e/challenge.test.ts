// A challenge, end to end: a weaker design fails with evidence to read, a better one passes.
import { builtInChallenges } from '@archlab/sim';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasNode, startApp } from './app-harness.ts';
import type { AppHarness } from './app-harness.ts';

const challenge = builtInChallenges.find((c) => c.scenario.id === 'url-shortener')!;
let harness: AppHarness;
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'archlab-web-challenge-'));
  harness = await startApp();
});
afterAll(async () => {
  try {
    await harness?.close();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
});

async function importDesign(name: string, design: unknown) {
  const file = join(scratch, name);
  await writeFile(file, JSON.stringify(design));
  await harness.page.getByTestId('import-file').setInputFiles(file);
}

describe('challenge page, end to end in Chromium', () => {
  it('fails a weaker design with evidence, then passes a better one', async () => {
    const { page } = harness;
    await page.goto(`${harness.app.url}challenges/url-shortener`);
    await page.getByRole('heading', { name: 'URL shortener' }).waitFor();
    expect(await page.locator('.requirement').allTextContents()).toContain('p99 of redirect ≤ 50 ms');

    await importDesign('weak.json', challenge.naive);
    await canvasNode(page, 'db').waitFor();
    await expect.poll(() => page.locator('[data-testid="node-db"]').getAttribute('data-health')).toBe('saturated');
    await page.getByRole('tab', { name: 'Challenge' }).click();
    await expect.poll(() => page.locator('.checklist-item[data-check="slo.redirect-p99"]').getAttribute('data-status'), { timeout: 20_000 }).toBe('fail');
    await harness.screenshot('challenge-1-weak-checklist');

    await page.getByRole('button', { name: 'Submit for grading' }).click();
    const report = page.getByRole('dialog', { name: 'Grading report' });
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getByTestId('verdict').textContent()).toBe('Not yet');
    const p99 = report.locator('[data-check="slo.redirect-p99"]');
    expect(await p99.getAttribute('data-status')).toBe('fail');
    expect(await p99.locator('.check-message').textContent()).toMatch(/redirect/);
    expect(await p99.locator('.evidence').getAttribute('open')).not.toBeNull();
    expect(await p99.locator('.evidence dt').allTextContents()).toContain('perSeedMs');
    expect(await p99.locator('.check-hint').textContent()).toBe('Hint: Redirects read one key: serve them from a cache in front of the database.');
    await harness.screenshot('challenge-2-weak-report');
    await page.getByRole('button', { name: 'Back to the canvas' }).click();

    await importDesign('strong.json', challenge.reference);
    await canvasNode(page, 'redis').waitFor();
    await page.getByRole('tab', { name: 'Challenge' }).click();
    await expect.poll(() => page.getByTestId('checklist-status').textContent(), { timeout: 20_000 }).toBe('70/70');
    await page.getByRole('button', { name: 'Submit for grading' }).click();
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getByTestId('verdict').textContent()).toBe('Passed');
    expect(await report.getByTestId('score').textContent()).toBe('70 / 70 points');
    await harness.screenshot('challenge-3-strong-report');

    expect(harness.offMachine()).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

// A new user solves the rate-limiter lab in the browser, against the real hosted stack (PostgreSQL, Redis,
// the API serving the app, a grading worker): the starter fails with evidence, the reference solution typed
// in through the file tree and the editor passes, and a reload keeps the files and the history.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from './app-harness.ts';
import type { AppHarness } from './app-harness.ts';
import { startLabStack } from '../support/lab-stack.ts';

const solutionDir = resolve(import.meta.dirname, '..', '..', '..', '..', 'labs', 'rate-limiter', 'solution');
/** Grading takes ~16 s on an idle machine; the machine is shared, so allow plenty. */
const GRADING_TIMEOUT_MS = 120_000;

let harness: AppHarness;
let solution: { path: string; content: string }[];

beforeAll(async () => {
  const names = await readdir(join(solutionDir, 'src'));
  solution = await Promise.all(names.map(async (name) => ({ path: `src/${name}`, content: await readFile(join(solutionDir, 'src', name), 'utf8') })));
  harness = await startApp({ serve: (webDist) => startLabStack({ webDist }) });
  await harness.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

/** Replaces the open file's text the way a person does: select all in the editor, paste. */
async function pasteIntoEditor(page: Page, path: string, content: string) {
  const editor = page.getByTestId('code-editor');
  await expect.poll(() => editor.getAttribute('data-path')).toBe(path);
  await editor.locator('.view-lines').click();
  await page.evaluate((text) => navigator.clipboard.writeText(text), content);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
}

async function waitForReport(page: Page) {
  const report = page.getByRole('article', { name: 'Graded report' });
  await report.waitFor({ timeout: GRADING_TIMEOUT_MS });
  return report;
}

describe('lab workspace, end to end in Chromium against the API and a worker', () => {
  it('runs the starter (fails with evidence), then the reference solution (passes)', async () => {
    const { page } = harness;
    await page.goto(`${harness.app.url}labs`);
    const card = page.locator('.lab-card[data-lab="rate-limiter"]');
    await card.waitFor();
    expect(await card.locator('.difficulty').textContent()).toBe('intermediate');
    expect(await card.locator('.lab-points').textContent()).toBe('100 points · 8 checks');
    await harness.screenshot('lab-1-catalogue');

    await card.getByRole('link', { name: 'Distributed rate limiter' }).click();
    await page.getByRole('heading', { name: 'Lab: a distributed rate limiter' }).waitFor();
    expect(await page.locator('.file-tree-file').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path')))).toEqual(['src/server.ts']);
    await page.locator('.monaco-editor .view-lines').filter({ hasText: 'Rate limiter lab: start here' }).waitFor({ timeout: 30_000 });
    await harness.screenshot('lab-2-workspace');

    // The starter answers every request with a 200: it starts, and fails the checks that need a limit.
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.locator('.check-progress-item[data-status="running"]').first().waitFor({ timeout: GRADING_TIMEOUT_MS });
    await harness.screenshot('lab-3-starter-progress');
    const starterReport = await waitForReport(page);
    expect(await starterReport.getByTestId('verdict').textContent()).toBe('Not yet');
    const contract = starterReport.locator('[data-check="contract"]');
    expect(await contract.getAttribute('data-status')).toBe('fail');
    expect(await contract.locator('.check-message').textContent()).toMatch(/ratelimit-limit|RateLimit/i);
    expect(await contract.locator('.evidence').getAttribute('open')).not.toBeNull();
    expect(await contract.locator('.evidence dt').allTextContents()).toContain('problems');
    expect(await contract.locator('.check-hint').textContent()).toMatch(/^Hint: Every \/api\/ping answer carries RateLimit-Limit/);
    const starterScore = await starterReport.getByTestId('score').textContent();
    expect(starterScore).toMatch(/^\d+ \/ 100 points$/);
    expect(starterScore).not.toBe('100 / 100 points');
    await harness.screenshot('lab-4-starter-report');

    // The reference solution, file by file, through the file tree and the editor.
    for (const file of solution.filter((f) => f.path !== 'src/server.ts')) {
      await page.getByRole('button', { name: 'New file' }).click();
      await page.getByLabel('New file path').fill(file.path);
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.locator(`.file-tree-file[data-path="${file.path}"]`).waitFor();
      await pasteIntoEditor(page, file.path, file.content);
    }
    await page.locator('.file-tree-file[data-path="src/server.ts"] .file-tree-open').click();
    await pasteIntoEditor(page, 'src/server.ts', solution.find((f) => f.path === 'src/server.ts')!.content);
    expect(await page.getByTestId('workspace-usage').textContent()).toMatch(/^5 files · /);
    await harness.screenshot('lab-5-solution-typed');

    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.getByTestId('run-status').filter({ hasText: /Queued|Sending|check|starting|compiling/ }).waitFor();
    const passed = page.getByRole('article', { name: 'Graded report' }).and(page.locator('[data-verdict="pass"]'));
    await passed.waitFor({ timeout: GRADING_TIMEOUT_MS });
    expect(await passed.getByTestId('score').textContent()).toBe('100 / 100 points');
    await harness.screenshot('lab-6-solution-report');

    // What was graded is exactly the reference solution, as typed into the editor.
    const history = page.locator('.history-entry');
    await expect.poll(() => history.count()).toBe(2);
    const latest = await history.first().getAttribute('data-submission');
    const graded = (await (await fetch(`${harness.origin}/api/submissions/${latest}/files`)).json()) as { files: { path: string; content: string }[] };
    expect([...graded.files].sort((a, b) => a.path.localeCompare(b.path))).toEqual([...solution].sort((a, b) => a.path.localeCompare(b.path)));

    // A reload loses nothing: the files and the history come back.
    await page.reload();
    await page.getByRole('heading', { name: 'Lab: a distributed rate limiter' }).waitFor();
    expect(await page.locator('.file-tree-file').count()).toBe(5);
    await page.getByRole('tab', { name: 'Run' }).click();
    await expect.poll(() => page.locator('.history-entry .history-summary').allTextContents()).toEqual(['PASS 100/100', `FAIL ${starterScore!.replace(' / ', '/').replace(' points', '')}`]);
    // ...and the latest report is shown again.
    expect(await page.getByRole('article', { name: 'Graded report' }).getAttribute('data-verdict')).toBe('pass');
    await harness.screenshot('lab-7-after-reload');

    expect(harness.offMachine()).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  }, 400_000);
});

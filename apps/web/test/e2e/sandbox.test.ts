// A new user in the sandbox: builds a design from an empty canvas by drag and drop and by connecting
// handles, watches the analysis, runs and scrubs a simulation, breaks a component, and uses undo/redo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasNode, connectHandles, dropComponent, startApp } from './app-harness.ts';
import type { AppHarness } from './app-harness.ts';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startApp();
});
afterAll(async () => {
  await harness?.close();
});

describe('sandbox, end to end in Chromium', () => {
  it('builds, analyses, simulates, breaks and undoes a design, without a request leaving the machine', async () => {
    const { page } = harness;
    await page.goto(`${harness.app.url}sandbox`);
    await page.getByText('Drag components from the palette onto the canvas').waitFor();

    await dropComponent(page, 'client', { x: 80, y: 220 });
    await dropComponent(page, 'load-balancer', { x: 320, y: 220 });
    await dropComponent(page, 'service', { x: 560, y: 220 });
    await dropComponent(page, 'sql-primary', { x: 800, y: 220 });
    for (const id of ['users', 'lb', 'api', 'db-primary']) await canvasNode(page, id).waitFor();
    await page.getByText('incomplete design').waitFor();

    await connectHandles(page, 'users', 'lb');
    await connectHandles(page, 'lb', 'api');
    await connectHandles(page, 'api', 'db-primary');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);

    const apiRate = page.locator('[data-testid="node-api"] [data-metric="rps"]');
    await expect.poll(() => apiRate.textContent()).toBe('100 req/s');
    await expect.poll(() => page.locator('[data-edge-label="api-db-primary"]').textContent()).toBe('sql · 100/s');
    expect(await page.locator('[data-testid="node-api"]').getAttribute('data-health')).toBe('ok');
    await expect.poll(() => page.locator('.finding[data-kind="single-point-of-failure"]').first().textContent()).toMatch(/^db-primary: one instance, no standby; losing it cuts every requests path$/);
    await harness.screenshot('sandbox-1-built');

    await canvasNode(page, 'api').click();
    const instances = page.locator('[data-field="instances"] input');
    await instances.fill('1');
    await instances.press('Enter');
    await expect.poll(() => page.locator('[data-testid="node-api"] [data-metric="rho"]').textContent()).toBe('ρ 0.25');

    await canvasNode(page, 'db-primary').click();
    await page.getByLabel('Failure starts at (s)').fill('8');
    await page.getByLabel('Failure ends at (s)').fill('14');
    await page.getByRole('button', { name: 'Schedule failure' }).click();
    await page.locator('.simulation-bar input[type="number"]').first().fill('20');
    await page.getByRole('button', { name: '▶ Run' }).click();
    await page.locator('.simulation-status[data-status="done"]').waitFor({ timeout: 30_000 });
    await harness.screenshot('sandbox-2-simulated');

    const scrubber = page.getByLabel('Replay time');
    await scrubber.fill('10');
    await expect.poll(() => page.getByTestId('scrub-time').textContent()).toBe('replaying t = 3.3 s');
    expect(await page.locator('[data-track="errors"] .track-at').textContent()).toBe('now 0 req/s');
    await scrubber.fill('33');
    await expect.poll(() => page.getByTestId('scrub-time').textContent()).toBe('replaying t = 11.0 s');
    expect(await page.locator('[data-testid="node-db-primary"]').getAttribute('data-health')).toBe('down');
    const errorsNow = await page.locator('[data-track="errors"] .track-at').textContent();
    expect(Number(errorsNow!.replace(/^now ([\d.]+)k? req\/s$/, '$1'))).toBeGreaterThan(50);
    await harness.screenshot('sandbox-3-scrubbed-failure');
    await page.getByRole('button', { name: 'Back to live' }).click();

    await page.getByRole('button', { name: 'Fail mode' }).click();
    await canvasNode(page, 'api').click();
    await expect.poll(() => page.locator('[data-testid="node-api"]').getAttribute('data-health')).toBe('down');
    await expect.poll(() => page.locator('.class-summary li[data-class="requests"]').textContent()).toMatch(/errors 100%/);
    await harness.screenshot('sandbox-4-failed-now');
    await canvasNode(page, 'api').click();
    await expect.poll(() => page.locator('.class-summary li[data-class="requests"]').textContent()).toMatch(/errors 0%/);
    await page.keyboard.press('Escape');

    await canvasNode(page, 'lb').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => canvasNode(page, 'lb').count()).toBe(0);
    expect(await page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => canvasNode(page, 'lb').count()).toBe(1);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(3);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => canvasNode(page, 'lb').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => canvasNode(page, 'lb').count()).toBe(1);

    await canvasNode(page, 'api').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await canvasNode(page, 'api-2').waitFor();
    await harness.screenshot('sandbox-5-final');

    expect(harness.offMachine()).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});

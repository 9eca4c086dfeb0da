/**
 * Executions from the console: listed by state machine and status, newest first; Stop and Start
 * again call the api; an execution's deep link opens it.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '@stepwise/testkit';
import { chromiumMissing, launchBrowser, rest, startStack, type Stack } from './console-stack.js';

const skip = chromiumMissing();

describe.skipIf(skip !== undefined)('console: executions list and actions', () => {
  let stack: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let smArn = '';

  beforeAll(async () => {
    stack = await startStack(inject('redisUrl'), uniquePrefix('console-exec'));
    const sm = await rest<{ stateMachineArn: string }>(stack.url, 'POST', '/v1/state-machines', {
      name: 'sleepy',
      definition: { StartAt: 'Nap', States: { Nap: { Type: 'Wait', Seconds: 600, Next: 'Up' }, Up: { Type: 'Succeed' } } },
    });
    smArn = sm.stateMachineArn;
    for (const name of ['first', 'second']) {
      await rest(stack.url, 'POST', `/v1/state-machines/${encodeURIComponent(smArn)}/executions`, { name, input: { who: name } });
      await new Promise((r) => setTimeout(r, 20));
    }
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('lists newest first, stops one, filters by status and starts one again', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/executions?stateMachineArn=${encodeURIComponent(smArn)}`);
    const table = page.getByRole('table', { name: 'Executions' });
    await table.getByRole('link', { name: 'first' }).waitFor();
    const names = await table.locator('tbody tr td:first-child').allTextContents();
    expect(names).toEqual(['second', 'first']);
    expect(await table.locator('[data-status="RUNNING"]').count()).toBe(2);

    const firstRow = table.locator('tbody tr', { hasText: 'first' });
    await firstRow.getByRole('button', { name: 'Stop' }).click();
    await firstRow.locator('[data-status="ABORTED"]').waitFor();

    await page.getByLabel('Status filter').selectOption('ABORTED');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.locator('tbody tr td:first-child').allTextContents()).toEqual(['first']);

    // Start again: a new execution with the same input, opened at once.
    await table.locator('tbody tr', { hasText: 'first' }).getByRole('button', { name: 'Start again' }).click();
    await page.waitForURL(/\/executions\/arn/);
    await page.locator('[data-status="RUNNING"]').waitFor();
    await page.getByLabel('Nap, Wait state, Waiting').waitFor();
    expect(JSON.parse((await page.locator('h3:text("Input") + pre').textContent()) ?? '{}')).toEqual({ who: 'first' });

    // The stopped one, by its deep link: the Wait state shows as cancelled.
    const stopped = `arn:aws:states:us-east-1:123456789012:execution:sleepy:first`;
    await page.goto(`${stack.url}/executions/${encodeURIComponent(stopped)}`);
    await page.locator('[data-status="ABORTED"]').waitFor();
    await page.getByLabel('Nap, Wait state, Cancelled').waitFor();
  }, 60_000);
});

/**
 * Activities in the console: each activity with the tasks waiting for a worker.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '@stepwise/testkit';
import { chromiumMissing, launchBrowser, rest, startStack, type Stack } from './console-stack.js';

const skip = chromiumMissing();

describe.skipIf(skip !== undefined)('console: activities', () => {
  let stack: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    stack = await startStack(inject('redisUrl'), uniquePrefix('console-act'));
    const act = await rest<{ activityArn: string }>(stack.url, 'POST', '/v1/activities', { name: 'label-printer' });
    await rest(stack.url, 'POST', '/v1/activities', { name: 'idle-worker' });
    const sm = await rest<{ stateMachineArn: string }>(stack.url, 'POST', '/v1/state-machines', {
      name: 'print',
      definition: { StartAt: 'Print', States: { Print: { Type: 'Task', Resource: act.activityArn, End: true } } },
    });
    await rest(stack.url, 'POST', `/v1/state-machines/${encodeURIComponent(sm.stateMachineArn)}/executions`, { name: 'job-1', input: { label: '<b>fragile</b>' } });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('lists activities with the tasks waiting for a worker', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/activities`);
    const printer = page.getByLabel('Activity label-printer');
    await printer.getByRole('link', { name: 'job-1' }).waitFor({ timeout: 20_000 });
    expect(await printer.getByText('{"label":"<b>fragile</b>"}').count()).toBe(1);
    expect(await page.locator('b').count()).toBe(0);
    await page.getByLabel('Activity idle-worker').getByText('No task waiting for a worker.').waitFor();
  }, 60_000);
});

/**
 * Time control from the console: with STEPWISE_TIME_SCALE set, an execution waiting in a long
 * Wait shows "Fire timer now"; clicking it ends the Wait and the page follows to SUCCEEDED.
 * (The console's dist must be current: `npx vite build` in services/console after changing it.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '@stepwise/testkit';
import { chromiumMissing, launchBrowser, rest, startStack, type Stack } from './console-stack.js';

const skip = chromiumMissing();

describe.skipIf(skip !== undefined)('console: time control', () => {
  let stack: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let executionArn = '';

  beforeAll(async () => {
    stack = await startStack(inject('redisUrl'), uniquePrefix('console-time'), { STEPWISE_TIME_SCALE: '3600' });
    const sm = await rest<{ stateMachineArn: string }>(stack.url, 'POST', '/v1/state-machines', {
      name: 'patient',
      // A year: about 2.4 hours even at 3600×, so only the button can end it within the test.
      definition: { StartAt: 'Year', States: { Year: { Type: 'Wait', Seconds: 31_536_000, Next: 'Up' }, Up: { Type: 'Succeed' } } },
    });
    executionArn = (await rest<{ executionArn: string }>(stack.url, 'POST', `/v1/state-machines/${encodeURIComponent(sm.stateMachineArn)}/executions`, { name: 'once', input: {} })).executionArn;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('fires the Wait from the execution page', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/executions/${encodeURIComponent(executionArn)}`);
    await page.getByLabel('Year, Wait state, Waiting').waitFor();
    const button = page.getByRole('button', { name: 'Fire timer now' });
    expect(await button.getAttribute('title')).toBe('Waiting on a timer in: Year');
    await button.click();
    await page.locator('[data-status="SUCCEEDED"]').first().waitFor();
    expect(await page.getByRole('button', { name: 'Fire timer now' }).count()).toBe(0);
    const d = await rest<{ status: string }>(stack.url, 'GET', `/v1/executions/${encodeURIComponent(executionArn)}`);
    expect(d.status).toBe('SUCCEEDED');
  }, 60_000);
});

/**
 * The console end to end, in a real browser: create a state machine in the editor, start it,
 * watch its graph reach the waiting approval, approve it from the inbox, see the execution succeed.
 * A hostile title and detail travel the whole way and must stay text.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { uniquePrefix } from '@stepwise/testkit';
import { chromiumMissing, launchBrowser, startStack, type Stack } from './console-stack.js';

const skip = chromiumMissing();
if (skip) console.warn(skip);

const HOSTILE = '<img src=x onerror=alert(1)>';

const definition = JSON.stringify(
  {
    Comment: 'Pay after a person approves',
    StartAt: 'Prepare',
    States: {
      Prepare: { Type: 'Pass', Parameters: { 'amount.$': '$.amount', note: HOSTILE }, Next: 'Approve' },
      Approve: {
        Type: 'Task',
        Resource: 'arn:stepwise:states:::approval.waitForTaskToken',
        Parameters: { Title: `Pay ${HOSTILE}`, 'Details.$': '$' },
        ResultPath: '$.approval',
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  },
  null,
  2,
);

describe.skipIf(skip !== undefined)('console: create, start, approve, succeed', () => {
  let stack: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    stack = await startStack(inject('redisUrl'), uniquePrefix('console'));
    browser = await launchBrowser();
    context = browser.context;
    page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('runs the whole human-approval story from the browser', async () => {
    try {
      await story();
    } catch (e) {
      // Leave a picture of the failure for whoever reads the log (test-results/ is ignored by git).
      await page.screenshot({ path: 'test-results/console-approval-failure.png', fullPage: true }).catch(() => undefined);
      throw e;
    }
  }, 90_000);

  async function story(): Promise<void> {
    const name = `pay-${Date.now()}`;
    await page.goto(`${stack.url}/state-machines/new`);
    await page.getByLabel('Name').fill(name);
    const editor = page.getByLabel('Definition (Amazon States Language JSON)');
    await editor.fill('{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Nowhere" } } }');
    // The validator's error is shown inline, located on its line, and Create is refused.
    await expect.poll(() => page.getByText('MISSING_TRANSITION_TARGET').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Create' }).isDisabled()).toBe(true);
    await editor.fill(definition);
    await page.getByText('No errors').waitFor();
    await page.getByLabel('Approve, Task state').waitFor();
    await page.getByRole('button', { name: 'Create' }).click();

    // The state machine page: graph beside JSON; start an execution with an input.
    await page.getByRole('heading', { name }).waitFor();
    await page.getByLabel('Prepare, Pass state').waitFor();
    await page.getByRole('button', { name: 'Start execution' }).first().click();
    await page.getByLabel('Execution input (JSON)').fill('{"amount": 42}');
    await page.getByRole('form', { name: 'Start execution' }).getByRole('button', { name: 'Start execution' }).click();

    // The execution page updates live until the approval waits.
    await page.waitForURL(/\/executions\//);
    const executionUrl = page.url();
    await page.getByLabel('Approve, Task state, Waiting').waitFor({ timeout: 20_000 });
    expect(await page.getByLabel('Prepare, Pass state, Succeeded').count()).toBe(1);
    expect(await page.getByLabel('Done, Succeed state, Not reached').count()).toBe(1);

    // A second tab keeps watching the execution: it must follow without a reload.
    const watcher = await context.newPage();
    await watcher.goto(executionUrl);
    await watcher.getByLabel('Approve, Task state, Waiting').waitFor();
    await watcher.evaluate('window.__notReloaded = true');

    // The inbox lists it with its title and details as text.
    await page.getByRole('navigation').getByRole('link', { name: 'Approvals' }).click();
    const item = page.getByRole('listitem', { name: `Waiting task: Pay ${HOSTILE}` });
    await item.waitFor();
    expect(await item.getByText(HOSTILE).count()).toBeGreaterThan(0);
    expect(await item.getByText(/"amount": 42/).count()).toBe(1);
    await item.getByRole('button', { name: 'Approve…' }).click();
    await item.getByLabel('Comment').fill('ok to pay');
    await item.getByLabel('Output (JSON, optional)').fill('{"limit": 100}');
    await item.getByRole('button', { name: 'Approve', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `Approved: Pay ${HOSTILE}` }).waitFor();
    // The task leaves the inbox at once.
    await page.getByText('Nothing is waiting for a person.').waitFor();

    // The watching tab turned to SUCCEEDED by itself, state by state.
    await watcher.locator('[data-status="SUCCEEDED"]').waitFor({ timeout: 20_000 });
    await watcher.getByLabel('Approve, Task state, Succeeded').waitFor();
    await watcher.getByLabel('Done, Succeed state, Succeeded').waitFor();
    expect(await watcher.evaluate('window.__notReloaded')).toBe(true);
    await watcher.close();

    // Back on the execution (the link in the confirmation): it succeeded, with the approval in its output.
    await page.getByRole('status').getByRole('link', { name: 'see the execution' }).click();
    expect(page.url()).toBe(executionUrl);
    await page.locator('[data-status="SUCCEEDED"]').waitFor({ timeout: 20_000 });
    await page.getByLabel('Done, Succeed state, Succeeded').waitFor();
    const output = await page.locator('h3:text("Output") + pre').textContent();
    expect(JSON.parse(output ?? '{}')).toMatchObject({ amount: 42, approval: { approved: true, comment: 'ok to pay', output: { limit: 100 } } });

    // Nothing an execution carried was ever turned into HTML.
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  }
});

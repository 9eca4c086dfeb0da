/**
 * Refreshes docs/screenshots/*.png: starts Stepwise (the built all-in-one, or the same parts in
 * this process) over its own Redis, fills it through the REST API with an order workflow and a
 * few executions, and photographs the console's main pages in headless Debian chromium.
 *
 *   npm run screenshots        (builds first; needs /usr/bin/chromium and redis-server)
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../libs/testkit/src/index.js';
import { chromiumMissing, launchBrowser, rest, startStack } from '../tests/e2e/console-stack.js';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

const ORDER_WORKFLOW = {
  Comment: 'Take an order: check it, let a person approve large ones, then reserve, charge and pack',
  StartAt: 'Validate order',
  States: {
    'Validate order': { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'total.$': '$.total', 'items.$': '$.items' }, Next: 'Large order?' },
    'Large order?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Manager approval' }],
      Default: 'Fulfil',
    },
    'Manager approval': {
      Type: 'Task',
      Resource: 'arn:stepwise:states:::approval.waitForTaskToken',
      Parameters: { 'Title.$': "States.Format('Approve order {} ({} EUR)', $.orderId, $.total)", 'Details.$': '$', Assignees: ['managers'], TimeoutSeconds: 86400 },
      ResultPath: '$.approval',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Order rejected' }],
      Next: 'Fulfil',
    },
    Fulfil: {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Reserve stock', States: { 'Reserve stock': { Type: 'Pass', Result: { reserved: true }, Next: 'Cool-off' }, 'Cool-off': { Type: 'Wait', Seconds: 1, End: true } } },
        { StartAt: 'Charge card', States: { 'Charge card': { Type: 'Pass', Result: { charged: true }, End: true } } },
      ],
      ResultPath: '$.fulfilment',
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Order rejected' }],
      Next: 'Pack items',
    },
    'Pack items': {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 2,
      ItemProcessor: { StartAt: 'Pack one', States: { 'Pack one': { Type: 'Pass', Parameters: { 'sku.$': '$.sku', packed: true }, End: true } } },
      ResultPath: '$.packed',
      Next: 'Order done',
    },
    'Order done': { Type: 'Succeed' },
    'Order rejected': { Type: 'Fail', Error: 'OrderRejected', Cause: 'A manager said no, or fulfilment failed.' },
  },
};

const PACKING = {
  Comment: 'Pack every item of an order; one bad item is tolerated',
  StartAt: 'Pack items',
  States: {
    'Pack items': {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 4,
      ToleratedFailureCount: 1,
      ItemProcessor: {
        StartAt: 'Check item',
        States: {
          'Check item': { Type: 'Choice', Choices: [{ Variable: '$.sku', StringEquals: 'BROKEN-9', Next: 'Damaged' }], Default: 'Pack one' },
          'Pack one': { Type: 'Pass', Parameters: { 'sku.$': '$.sku', packed: true }, End: true },
          Damaged: { Type: 'Fail', Error: 'ItemDamaged', Cause: 'The item arrived damaged.' },
        },
      },
      End: true,
    },
  },
};

async function until(what: string, f: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 15_000;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    console.error(missing);
    process.exitCode = 1;
    return;
  }
  mkdirSync(OUT, { recursive: true });
  const redis = await startRedis();
  const stack = await startStack(redis.url, 'shots');
  const browser = await launchBrowser();
  try {
    const base = stack.url;
    const sm = await rest<{ stateMachineArn: string }>(base, 'POST', '/v1/state-machines', { name: 'order-workflow', definition: JSON.stringify(ORDER_WORKFLOW, null, 2) });
    await rest(base, 'POST', '/v1/state-machines', { name: 'nightly-report', definition: JSON.stringify({ StartAt: 'Build', States: { Build: { Type: 'Pass', End: true } } }) });
    const smPath = encodeURIComponent(sm.stateMachineArn);
    const items = [{ sku: 'BOOK-1' }, { sku: 'MUG-2' }, { sku: 'PEN-3' }];
    const small = await rest<{ executionArn: string }>(base, 'POST', `/v1/state-machines/${smPath}/executions`, { name: 'order-1041', input: { orderId: 'A-1041', total: 42, items } });
    const big = await rest<{ executionArn: string }>(base, 'POST', `/v1/state-machines/${smPath}/executions`, { name: 'order-1042', input: { orderId: 'A-1042', total: 980, items } });
    await rest(base, 'POST', `/v1/state-machines/${smPath}/executions`, { name: 'order-1043', input: { orderId: 'A-1043', total: 310, items } });
    const packing = await rest<{ stateMachineArn: string }>(base, 'POST', '/v1/state-machines', { name: 'packing', definition: JSON.stringify(PACKING, null, 2) });
    const skus = Array.from({ length: 24 }, (_, i) => ({ sku: i === 9 ? 'BROKEN-9' : `SKU-${i}` }));
    const pack = await rest<{ executionArn: string }>(base, 'POST', `/v1/state-machines/${encodeURIComponent(packing.stateMachineArn)}/executions`, { name: 'pack-2001', input: { items: skus } });
    const status = async (arn: string) => (await rest<{ status: string }>(base, 'GET', `/v1/executions/${encodeURIComponent(arn)}`)).status;
    // Pictures are taken of whatever the engine reached: a Map still running shows its counts too.
    await until('order-1041 to succeed', async () => {
      const st = await status(small.executionArn);
      if (st === 'FAILED') throw new Error(`order-1041 failed: ${JSON.stringify(await rest(base, 'GET', `/v1/executions/${encodeURIComponent(small.executionArn)}`))}`);
      return st === 'SUCCEEDED';
    }).catch((e: unknown) => console.warn(`${e instanceof Error ? e.message : String(e)}; photographing it as it is`));
    await until('two approvals to wait', async () => (await rest<{ tasks: unknown[] }>(base, 'GET', '/v1/tasks')).tasks.length >= 2);

    const page = await browser.context.newPage();
    // Graph nodes are chosen as a keyboard user does (a group's click lands on its children).
    const select = async (node: ReturnType<typeof page.getByLabel>): Promise<void> => {
      await node.waitFor();
      await node.focus();
      await page.keyboard.press('Enter');
    };
    const shot = async (name: string): Promise<void> => {
      await page.waitForTimeout(400);
      await page.screenshot({ path: `${OUT}${name}.png` });
      console.log(`docs/screenshots/${name}.png`);
    };

    await page.goto(`${base}/state-machines`);
    await page.getByRole('link', { name: 'order-workflow' }).waitFor();
    await shot('state-machines');

    await page.goto(`${base}/state-machines/${smPath}`);
    await page.getByLabel('Fulfil, Parallel state').waitFor();
    await shot('state-machine');

    await page.goto(`${base}/state-machines/new`);
    await page.getByLabel('Name').fill('draft');
    const broken = JSON.stringify(ORDER_WORKFLOW, null, 2).replace('"Default": "Fulfil"', '"Default": "Fulfill"');
    await page.getByLabel('Definition (Amazon States Language JSON)').fill(broken);
    await page.getByText('MISSING_TRANSITION_TARGET').first().waitFor();
    await shot('editor');

    await page.goto(`${base}/executions/${encodeURIComponent(big.executionArn)}`);
    const waiting = page.getByLabel('Manager approval, Task state, Waiting');
    await select(waiting);
    await shot('execution-waiting');

    await page.goto(`${base}/approvals`);
    await page.getByRole('listitem', { name: 'Waiting task: Approve order A-1042 (980 EUR)' }).waitFor();
    await shot('approvals');

    await page.goto(`${base}/executions/${encodeURIComponent(small.executionArn)}`);
    await page.getByLabel('Validate order, Pass state, Succeeded').waitFor();
    await select(page.getByLabel(/^Pack items, Map state/));
    await shot('execution');
    await page.getByRole('tab', { name: /Event history/ }).click();
    await shot('history');
    await page.getByRole('tab', { name: /Timeline/ }).click();
    await shot('timeline');

    await page.goto(`${base}/executions/${encodeURIComponent(pack.executionArn)}`);
    await page.getByRole('tab', { name: /Map runs/ }).click();
    const item = page.getByText(/Item 9 —/);
    if (await item.waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
      await item.click();
      await select(page.getByLabel(/^Damaged, Fail state/));
      await shot('map-run');
    } else {
      console.warn('the Map ran no iteration 9: docs/screenshots/map-run.png not refreshed');
    }
  } finally {
    await browser.close();
    await stack.close();
    await redis.stop();
  }
}

await main();

/**
 * The console against an api with authentication on: it asks for a bearer token, refuses a wrong
 * one, and shows the api's data once given a right one.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniquePrefix } from '@stepwise/testkit';
import { chromiumMissing, launchBrowser, startStack, type Stack } from './console-stack.js';

const skip = chromiumMissing();

describe.skipIf(skip !== undefined)('console: bearer-token login', () => {
  let stack: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    stack = await startStack(inject('redisUrl'), uniquePrefix('console-auth'), { STEPWISE_AUTH: 'required', STEPWISE_API_TOKENS: 'good-token', STEPWISE_ACCESS_KEYS: 'AKIDCONSOLE:console-secret' });
    const r = await fetch(`${stack.url}/v1/state-machines`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer good-token' },
      body: JSON.stringify({ name: 'guarded', definition: { StartAt: 'A', States: { A: { Type: 'Succeed' } } } }),
    });
    expect(r.status).toBe(201);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('asks for a token, refuses a wrong one and lists state machines with the right one', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${stack.url}/state-machines`);
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'guarded' }).count()).toBe(0);
    await page.getByLabel('Token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The api refused the token you gave.').waitFor();
    await page.getByLabel('Token').fill('good-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'guarded' }).waitFor();
    // The deep link works once signed in (the token is kept in this browser).
    await page.goto(`${stack.url}/state-machines/${encodeURIComponent('arn:aws:states:us-east-1:123456789012:stateMachine:guarded')}`);
    await page.getByLabel('A, Succeed state').waitFor();
  }, 60_000);
});

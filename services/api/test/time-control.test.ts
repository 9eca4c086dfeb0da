// Time control over REST against the real engine and its workers on the test Redis: GET
// /v1/settings says whether it is on, POST /v1/executions/{arn}/fire-timer ends a long Wait now,
// and the errors are AWS-shaped (ExecutionDoesNotExist, ValidationException naming the setting).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
// 10^8 s: even at STEPWISE_TIME_SCALE=3600 the timer stays pending for about 28 hours.
const definition = JSON.stringify({ StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: 100_000_000, Next: 'Done' }, Done: { Type: 'Pass', Result: { woke: true }, End: true } } });

async function post(h: Harness, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function startSleeper(h: Harness, name: string): Promise<string> {
  const { stateMachineArn } = await h.sfn.send(new CreateStateMachineCommand({ name, definition, roleArn: role }));
  const { executionArn } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
  return executionArn!;
}

/** Waits until the execution has entered its Wait state (the timer is armed). */
async function waiting(h: Harness, executionArn: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    if (events?.some((e) => e.type === 'WaitStateEntered')) return;
    if (Date.now() > deadline) throw new Error('the execution never entered its Wait state');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('time control on (STEPWISE_TIME_SCALE=3600)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'), { STEPWISE_TIME_SCALE: '3600' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('says so in GET /v1/settings', async () => {
    const res = await fetch(`${h.url}/v1/settings`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ timeControl: true, timeScale: 3600 });
  });

  it('fires a waiting Wait timer now: the execution succeeds after the Wait', async () => {
    const arn = await startSleeper(h, 'sleeper');
    await waiting(h, arn);
    const fired = await post(h, `/v1/executions/${encodeURIComponent(arn)}/fire-timer`);
    expect(fired).toEqual({ status: 200, body: { fired: true } });
    const d = await settled(h, arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ woke: true });
    const { events } = await h.sfn.send(new GetExecutionHistoryCommand({ executionArn: arn }));
    expect(events?.map((e) => e.type)).toEqual(expect.arrayContaining(['WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'ExecutionSucceeded']));
    // Finished: nothing left to fire.
    expect(await post(h, `/v1/executions/${encodeURIComponent(arn)}/fire-timer`)).toEqual({ status: 200, body: { fired: false } });
  });

  it('answers ExecutionDoesNotExist and InvalidArn in AWS shape', async () => {
    const missing = `arn:aws:states:${h.config.STEPWISE_REGION}:${h.config.STEPWISE_ACCOUNT_ID}:execution:nope:nope`;
    const res = await post(h, `/v1/executions/${encodeURIComponent(missing)}/fire-timer`);
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('ExecutionDoesNotExist');
    const bad = await post(h, `/v1/executions/not-an-arn/fire-timer`);
    expect(bad.status).toBe(400);
    expect(bad.body.__type).toBe('InvalidArn');
  });
});

describe('time control off (no STEPWISE_TIME_SCALE)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('says so in GET /v1/settings and refuses fire-timer with a ValidationException naming the setting', async () => {
    expect(await (await fetch(`${h.url}/v1/settings`)).json()).toEqual({ timeControl: false, timeScale: 1 });
    const arn = await startSleeper(h, 'sleeper-off');
    await waiting(h, arn);
    const res = await post(h, `/v1/executions/${encodeURIComponent(arn)}/fire-timer`);
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('ValidationException');
    expect(res.body.message).toContain('STEPWISE_TIME_SCALE');
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(d.status).toBe('RUNNING');
  });
});

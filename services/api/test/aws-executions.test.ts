// Executions, task tokens, activities' long poll and protocol errors through the AWS SDK.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { processRegistry } from '@stepwise/observability';
import { settled, startHarness, type Harness, rejects } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
const passDef = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const approvalDef = JSON.stringify({ StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:stepwise:states:::approval.waitForTaskToken', End: true } } });
let h: Harness;
let passArn: string;
let approvalArn: string;

beforeAll(async () => {
  h = await startHarness(inject('redisUrl'), { STEPWISE_START_RATE: '1', STEPWISE_START_BURST: '30' });
  passArn = (await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'pass', definition: passDef, roleArn: role }))).stateMachineArn!;
  approvalArn = (await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'approval', definition: approvalDef, roleArn: role }))).stateMachineArn!;
});
afterAll(async () => {
  await h.close();
});

describe('executions over the AWS protocol', () => {
  it('starts idempotently by name and refuses another input while it runs', async () => {
    const a = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: approvalArn, name: 'once', input: '{"a":1}' }));
    expect(a.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:approval:once');
    const b = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: approvalArn, name: 'once', input: '{"a":1}' }));
    expect(b.executionArn).toBe(a.executionArn);
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: approvalArn, name: 'once', input: '{"a":2}' })))).name).toBe('ExecutionAlreadyExists');
  });

  it('checks input, names and ARNs as AWS does', async () => {
    expect(await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: passArn, input: '{oops' })))).toMatchObject({ name: 'InvalidExecutionInput' });
    expect(await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: passArn, name: 'has space' })))).toMatchObject({ name: 'InvalidName', message: "Invalid Name: 'has space'" });
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: passArn, name: 'order.42' })))).message).toContain("does not accept '.'");
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: 'arn:aws:lambda:us-east-1:123456789012:function:f' })))).name).toBe('InvalidArn');
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: `${passArn}-missing` })))).name).toBe('StateMachineDoesNotExist');
    expect((await rejects(h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: passArn })))).name).toBe('InvalidArn');
    expect((await rejects(h.sfn.send(new sfn.StartSyncExecutionCommand({ stateMachineArn: passArn })))).name).toBe('StateMachineTypeNotSupported');
  });

  it('describes, lists with filters, pages history and stops', async () => {
    const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: passArn, name: 'done', input: '{"x":true}' }));
    const d = await settled(h, executionArn!);
    expect(d).toMatchObject({ status: 'SUCCEEDED', output: '{"x":true}', input: '{"x":true}', stateMachineArn: passArn, name: 'done' });
    expect(d.startDate).toBeInstanceOf(Date);
    const meta = await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn, includedData: 'METADATA_ONLY' }));
    expect(meta.input).toBeUndefined();
    expect(meta.output).toBeUndefined();
    expect(meta.inputDetails).toEqual({ included: false });
    const list = await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: passArn, statusFilter: 'SUCCEEDED' }));
    expect(list.executions?.map((e) => e.name)).toContain('done');
    const hist = await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn, maxResults: 1 }));
    expect(hist.events?.[0]).toMatchObject({ id: 1, previousEventId: 0, type: 'ExecutionStarted' });
    expect(hist.events?.[0]?.timestamp).toBeInstanceOf(Date);
    const next = await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken: hist.nextToken }));
    expect(next.events?.map((e) => [e.id, e.type])).toEqual([[2, 'PassStateEntered'], [3, 'PassStateExited'], [4, 'ExecutionSucceeded']]);
    const reversed = await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    expect(reversed.events?.[0]?.type).toBe('ExecutionSucceeded');
    expect((await rejects(h.sfn.send(new sfn.ListExecutionsCommand({})))).name).toBe('ValidationException');

    const running = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: approvalArn }));
    const stop = await h.sfn.send(new sfn.StopExecutionCommand({ executionArn: running.executionArn, error: 'Cancelled', cause: 'test' }));
    expect(stop.stopDate).toBeInstanceOf(Date);
    expect(await settled(h, running.executionArn!)).toMatchObject({ status: 'ABORTED', error: 'Cancelled', cause: 'test' });
  });

  it('starts the new definition right after UpdateStateMachine through the same api', async () => {
    const v = (n: number) => JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: n, End: true } } });
    const sm = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'cached', definition: v(1), roleArn: role }));
    const a = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn }));
    await h.sfn.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: sm.stateMachineArn, definition: v(2) }));
    const b = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn }));
    expect((await h.sfn.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn: a.executionArn }))).definition).toBe(v(1));
    expect((await h.sfn.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn: b.executionArn }))).definition).toBe(v(2));
    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: sm.stateMachineArn }));
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn })))).name).toBe('StateMachineDoesNotExist');
  });

  it('completes a waiting task by token, once', async () => {
    const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: approvalArn, input: '{"amount":10}' }));
    let token: string | undefined;
    while (token === undefined) {
      token = (await h.engine.listWaitingTasks({ executionArn: executionArn! })).items[0]?.taskToken;
      if (token === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    expect(await rejects(h.sfn.send(new sfn.SendTaskSuccessCommand({ taskToken: token, output: 'not json' })))).toMatchObject({ name: 'InvalidOutput' });
    await h.sfn.send(new sfn.SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    expect(await settled(h, executionArn!)).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    // A token answers once; AWS answers a used one TaskTimedOut ("Provided task does not exist anymore").
    expect((await rejects(h.sfn.send(new sfn.SendTaskFailureCommand({ taskToken: token, error: 'X' })))).name).toBe('TaskTimedOut');
  });

  it('long polls GetActivityTask and answers empty when nothing comes', async () => {
    const act = await h.sfn.send(new sfn.CreateActivityCommand({ name: 'work' }));
    const def = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Task', Resource: act.activityArn, End: true } } });
    const sm = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'act', definition: def, roleArn: role }));
    const poll = h.sfn.send(new sfn.GetActivityTaskCommand({ activityArn: act.activityArn, workerName: 'w1' }));
    await new Promise((r) => setTimeout(r, 100));
    await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, input: '{"job":7}' }));
    const task = await poll;
    expect(task.input).toBe('{"job":7}');
    expect(task.taskToken).toBeTruthy();
    expect((await rejects(h.sfn.send(new sfn.GetActivityTaskCommand({ activityArn: `${act.activityArn}x` })))).name).toBe('ActivityDoesNotExist');
  });

  it('throttles StartExecution past the bucket with ThrottlingException', async () => {
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: passArn }))));
    const throttled = results.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'ThrottlingException');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.length).toBeLessThan(40);
    const counted = (await processRegistry.metrics.executionsThrottled.get()).values.find((v) => v.labels.state_machine === 'pass')?.value;
    expect(counted).toBe(throttled.length);
  });
});

describe('the AWS JSON protocol itself', () => {
  const post = (target: string | undefined, body: string | Buffer) =>
    fetch(`${h.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', ...(target ? { 'x-amz-target': target } : {}) }, body });

  it('answers unknown actions, bad JSON and oversize bodies in AWS shape with a request id', async () => {
    const unknown = await post('AWSStepFunctions.Nope', '{}');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ __type: 'UnknownOperationException', message: "Unknown operation: 'AWSStepFunctions.Nope'" });
    const requestId = unknown.headers.get('x-amzn-requestid');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(h.logs.some((l) => l.requestId === requestId && l.error === 'UnknownOperationException')).toBe(true);

    const bad = await post('AWSStepFunctions.ListStateMachines', '{');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { __type: string }).__type).toBe('SerializationException');

    const big = await post('AWSStepFunctions.StartExecution', Buffer.alloc(2 * 1024 * 1024, 0x20));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { __type: string }).__type).toBe('RequestEntityTooLargeException');
  });

  it('enforces the payload limit on input members in bytes', async () => {
    const input = JSON.stringify({ s: 'x'.repeat(262144) });
    const e = await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: passArn, input })));
    expect(e).toMatchObject({ name: 'ValidationException', status: 400, message: "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144" });
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    expect(await (await fetch(`${h.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${h.url}/readyz`)).json()).toEqual({ status: 'ready', redis: 'ok' });
    const doc = (await (await fetch(`${h.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/v1/executions/{executionArn}/tasks');
    const page = await fetch(`${h.url}/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain("fetch('openapi.json')");
  });
});

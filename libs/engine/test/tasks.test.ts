import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arns } from '@stepwise/protocol';
import { executionIdOf } from '../src/ids.js';
import { assertContiguous, harness, SCOPE, type Harness, until } from './harness.js';
import { APPROVAL_RESOURCE } from '../src/plan.js';

const ACTIVITY = arns.activity(SCOPE, 'work');

describe('activities', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('GetActivityTask hands the task out once; SendTaskSuccess completes it; a repeated answer is TaskTimedOut, as AWS', async () => {
    h = await harness();
    const arn = await h.start('act', { StartAt: 'A', States: { A: { Type: 'Task', Resource: ACTIVITY, End: true } } }, { n: 1 });
    const task = await h.engine.getActivityTask(ACTIVITY, 'w1', 5000);
    expect(task).toBeDefined();
    expect(JSON.parse(task?.input ?? '')).toEqual({ n: 1 });
    expect(await h.engine.getActivityTask(ACTIVITY, 'w2', 200)).toBeUndefined();
    await h.engine.sendTaskHeartbeat(task?.taskToken ?? '');
    await h.engine.sendTaskSuccess(task?.taskToken ?? '', '{"done":true}');
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ done: true });
    await expect(h.engine.sendTaskSuccess(task?.taskToken ?? '', '{}')).rejects.toMatchObject({ code: 'TaskTimedOut' });
    const types = (await h.history(arn)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded']));
    assertContiguous(await h.history(arn));
  });

  it('a missed heartbeat fails the task with States.HeartbeatTimeout; a late answer gets TaskTimedOut', async () => {
    h = await harness({ timeScale: 10 });
    const arn = await h.start('hb', { StartAt: 'A', States: { A: { Type: 'Task', Resource: ACTIVITY, HeartbeatSeconds: 3, TimeoutSeconds: 100, End: true } } });
    const task = await h.engine.getActivityTask(ACTIVITY, 'w1', 5000);
    const d = await h.waitDone(arn, 5000);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.HeartbeatTimeout');
    await expect(h.engine.sendTaskSuccess(task?.taskToken ?? '', '{}')).rejects.toMatchObject({ code: 'TaskTimedOut' });
  });

  it('TimeoutSeconds fails an activity nobody picks up with States.Timeout', async () => {
    h = await harness({ timeScale: 10 });
    const arn = await h.start('tmo', { StartAt: 'A', States: { A: { Type: 'Task', Resource: ACTIVITY, TimeoutSeconds: 2, End: true } } });
    const d = await h.waitDone(arn, 5000);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Timeout');
  });

  it('an unknown token is InvalidToken', async () => {
    h = await harness({ workers: false, timers: false });
    await expect(h.engine.sendTaskSuccess('nope', '{}')).rejects.toMatchObject({ code: 'InvalidToken' });
  });
});

describe('waitForTaskToken and approvals', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('the token reaches the task through $$.Task.Token and SendTaskFailure fails the state', async () => {
    let seen: string | undefined;
    h = await harness({ integrations: { handlers: { 'arn:aws:states:::lambda:invoke': async (input) => { seen = (input as { Payload: { token: string } }).Payload.token; return {}; } } } });
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } }, End: true } } };
    const arn = await h.start('cb', def);
    const token = await until(async () => seen);
    await h.engine.sendTaskFailure(token, 'Rejected', 'no way');
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('Rejected');
    await expect(h.engine.sendTaskSuccess(token, '{}')).rejects.toMatchObject({ code: 'TaskTimedOut' });
  });

  it('an approval step is listed as a waiting task until a person answers', async () => {
    h = await harness();
    const def = { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: APPROVAL_RESOURCE, Parameters: { Title: 'Ship it?', 'Token.$': '$$.Task.Token' }, End: true } } };
    const arn = await h.start('approve', def);
    const waiting = await until(async () => {
      const p = await h.engine.listWaitingTasks({ kind: 'approval' });
      return p.items.length > 0 ? p.items : undefined;
    });
    expect(waiting[0]?.executionArn).toBe(arn);
    expect(JSON.parse(waiting[0]?.input ?? '').Title).toBe('Ship it?');
    await h.engine.sendTaskSuccess(waiting[0]?.taskToken ?? '', '{"approved":true}');
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect((await h.engine.listWaitingTasks({ kind: 'approval' })).items).toHaveLength(0);
  });

  it('an approval step takes its deadline from its TimeoutSeconds parameter and times out past it', async () => {
    h = await harness({ timeScale: 100 });
    const def = { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: APPROVAL_RESOURCE, Parameters: { Title: 'Ship it?', TimeoutSeconds: 5 }, End: true } } };
    const before = Date.now();
    const arn = await h.start('approve-deadline', def);
    const waiting = await until(async () => (await h.engine.listWaitingTasks({ executionArn: arn })).items[0]);
    expect(waiting.deadline).toBeGreaterThanOrEqual(before + 40);
    expect(waiting.deadline).toBeLessThanOrEqual(Date.now() + 60);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Timeout');
  });

  it('StopExecution aborts a waiting execution; its token then gets TaskTimedOut', async () => {
    h = await harness();
    const def = { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: APPROVAL_RESOURCE, Parameters: { 'Token.$': '$$.Task.Token' }, End: true } } };
    const arn = await h.start('stop', def);
    const waiting = await until(async () => {
      const p = await h.engine.listWaitingTasks({ executionArn: arn });
      return p.items[0];
    });
    await h.engine.stopExecution(arn, 'Stopped', 'by test');
    const d = await h.engine.describeExecution(arn);
    expect(d.status).toBe('ABORTED');
    expect(d.error).toBe('Stopped');
    await expect(h.engine.sendTaskSuccess(waiting.taskToken, '{}')).rejects.toMatchObject({ code: 'TaskTimedOut' });
    const events = await h.history(arn);
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
    assertContiguous(events);
  });
});

describe('HTTP task', () => {
  let server: Server;
  let base = '';
  let hits = 0;
  const keys: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      hits++;
      keys.push(String(req.headers['idempotency-key']));
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.pathname === '/ok') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ method: req.method, q: url.searchParams.get('q'), body: body ? JSON.parse(body) : null }));
        } else if (url.pathname === '/flaky' && hits % 3 !== 0) {
          res.writeHead(503);
          res.end('busy');
        } else if (url.pathname === '/flaky') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"ok":true}');
        } else {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('nothing here');
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  let h: Harness;
  afterEach(async () => h.close());

  const http = (path: string, extra: object = {}) => ({
    StartAt: 'H',
    States: { H: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: `${base}${path}`, Method: 'POST', QueryParameters: { q: 'v' }, RequestBody: { 'x.$': '$.x' }, Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/c' } }, End: true, ...extra } },
  });

  it('returns AWS result shape for a 2xx answer, with an Idempotency-Key header', async () => {
    h = await harness();
    const arn = await h.start('http', http('/ok'), { x: 5 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? '') as { StatusCode: number; StatusText: string; ResponseBody: unknown; Headers: object };
    expect(out.StatusCode).toBe(200);
    expect(out.StatusText).toBe('OK');
    expect(out.ResponseBody).toEqual({ method: 'POST', q: 'v', body: { x: 5 } });
    expect(keys.at(-1)).toMatch(/\/root\/\d+\/1$/);
  });

  it('fails with States.Http.StatusCode.404 for a 404', async () => {
    h = await harness();
    const arn = await h.start('http404', http('/missing'), { x: 1 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Http.StatusCode.404');
  });

  it('a refused connection fails with States.Http.Socket (AWS\'s error for a socket failure), which Catch handles', async () => {
    // a port that was just free: nothing listens on it
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    h = await harness();
    const def = {
      StartAt: 'H',
      States: {
        H: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: `http://127.0.0.1:${port}/x`, Method: 'GET' }, Catch: [{ ErrorEquals: ['States.Http.Socket'], ResultPath: '$.err', Next: 'Handled' }], End: true },
        Handled: { Type: 'Pass', End: true },
      },
    };
    const arn = await h.start('http-refused', def, { x: 1 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? '') as { x: number; err: { Error: string; Cause: string } };
    expect(out.x).toBe(1);
    expect(out.err.Error).toBe('States.Http.Socket');
    expect(out.err.Cause).toContain(`127.0.0.1:${port}`);
    const failed = (await h.history(arn)).find((e) => e.type === 'TaskFailed');
    expect(failed).toBeDefined();
  });

  it('retries 5xx answers until one succeeds', async () => {
    hits = 0;
    h = await harness({ timeScale: 100 });
    const arn = await h.start('flaky', http('/flaky', { Retry: [{ ErrorEquals: ['States.Http.StatusCode.503'], IntervalSeconds: 1, MaxAttempts: 5 }] }), { x: 1 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(hits).toBe(3);
  });
});

describe('nested executions', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('.sync:2 waits for the child and returns its output as JSON; request-response returns its ARN', async () => {
    h = await harness();
    const childArn = arns.stateMachine(SCOPE, 'child');
    h.machines.set(childArn, { stateMachineArn: childArn, name: 'child', type: 'STANDARD', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 0, Next: 'P' }, P: { Type: 'Pass', Result: { from: 'child' }, End: true } } }) });
    const def = (suffix: string) => ({ StartAt: 'N', States: { N: { Type: 'Task', Resource: `arn:aws:states:::states:startExecution${suffix}`, Parameters: { StateMachineArn: childArn, Input: { a: 1 } }, End: true } } });
    const arn = await h.start('parent', def('.sync:2'));
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? '') as { Output: unknown; Status: string; ExecutionArn: string };
    expect(out.Status).toBe('SUCCEEDED');
    expect(out.Output).toEqual({ from: 'child' });
    expect((await h.engine.describeExecution(out.ExecutionArn)).status).toBe('SUCCEEDED');
    const rr = await h.start('parent2', def(''));
    const d2 = await h.waitDone(rr);
    expect(JSON.parse(d2.output ?? '')).toHaveProperty('ExecutionArn');
  });

  it('.sync (not :2) answers DescribeExecution\'s shape with Input and Output as JSON strings; a failed child is States.TaskFailed', async () => {
    h = await harness();
    const childArn = arns.stateMachine(SCOPE, 'child1');
    h.machines.set(childArn, { stateMachineArn: childArn, name: 'child1', type: 'STANDARD', definition: JSON.stringify({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'F' }], Default: 'P' }, P: { Type: 'Pass', Result: { from: 'child' }, End: true }, F: { Type: 'Fail', Error: 'ChildBroke', Cause: 'on purpose' } } }) });
    const def = (input: object) => ({ StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: childArn, Input: input }, End: true } } });
    const before = Date.now();
    const arn = await h.start('parent-sync', def({ fail: false }));
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? '') as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(['ExecutionArn', 'Input', 'InputDetails', 'Name', 'Output', 'OutputDetails', 'StartDate', 'StateMachineArn', 'Status', 'StopDate']);
    expect(typeof out.Output).toBe('string');
    expect(JSON.parse(out.Output as string)).toEqual({ from: 'child' });
    expect(typeof out.Input).toBe('string');
    expect(JSON.parse(out.Input as string)).toEqual({ fail: false });
    expect(out.InputDetails).toEqual({ Included: true });
    expect(out.OutputDetails).toEqual({ Included: true });
    expect(out.Status).toBe('SUCCEEDED');
    expect(out.StateMachineArn).toBe(childArn);
    const child = await h.engine.describeExecution(out.ExecutionArn as string);
    expect(out.Name).toBe(child.name);
    // dates as epoch milliseconds, as the .sync output carries them
    expect(out.StartDate).toBe(child.startDate);
    expect(out.StopDate).toBe(child.stopDate);
    expect(out.StartDate as number).toBeGreaterThanOrEqual(before);
    expect(out.StopDate as number).toBeGreaterThanOrEqual(out.StartDate as number);

    const failing = await h.start('parent-sync-fail', def({ fail: true }));
    const f = await h.waitDone(failing);
    expect(f.status).toBe('FAILED');
    expect(f.error).toBe('States.TaskFailed');
    const cause = JSON.parse(f.cause ?? '') as Record<string, unknown>;
    expect(cause).toMatchObject({ Status: 'FAILED', Error: 'ChildBroke', Cause: 'on purpose', StateMachineArn: childArn });
    expect(cause).not.toHaveProperty('Output');
    expect(typeof cause.Input).toBe('string');
  });

  it('stopping the parent stops a running child', async () => {
    h = await harness();
    const childArn = arns.stateMachine(SCOPE, 'sleeper');
    h.machines.set(childArn, { stateMachineArn: childArn, name: 'sleeper', type: 'STANDARD', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }) });
    const arn = await h.start('p', { StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: childArn }, End: true } } });
    const child = await until(async () => (await h.engine.listExecutions({ stateMachineArn: childArn })).items[0]);
    await h.engine.stopExecution(arn);
    await until(async () => ((await h.engine.describeExecution(child.executionArn)).status === 'ABORTED' ? true : undefined));
  });

  it('a .sync child answers only the incarnation of the task that started it (pg = the wait\'s tg)', async () => {
    h = await harness();
    const childArn = arns.stateMachine(SCOPE, 'waiter');
    h.machines.set(childArn, { stateMachineArn: childArn, name: 'waiter', type: 'STANDARD', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }) });
    const arn = await h.start('p-gen', { StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: childArn }, End: true } } });
    const child = await until(async () => (await h.engine.listExecutions({ stateMachineArn: childArn })).items[0]);
    const parentId = executionIdOf(arn) ?? '';
    const childId = executionIdOf(child.executionArn) ?? '';
    const tg = await h.redis.hget(h.engine.core.keys.frame(parentId, 'root'), 'tg');
    expect(tg).not.toBeNull();
    expect(await h.redis.hget(h.engine.core.keys.meta(childId), 'pg')).toBe(tg);
    // as if the child belonged to an earlier incarnation of the waiting frame: its answer is refused
    await h.redis.hset(h.engine.core.keys.meta(childId), 'pg', 'an-earlier-task');
    expect(await h.engine.fireTimerNow(child.executionArn)).toBe(true);
    expect((await h.waitDone(child.executionArn)).status).toBe('SUCCEEDED');
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');
  });

  it('an EXPRESS execution starts a STANDARD child that runs on (an in-memory parent is not a stopped one)', async () => {
    h = await harness();
    const childArn = arns.stateMachine(SCOPE, 'express-child');
    h.machines.set(childArn, { stateMachineArn: childArn, name: 'express-child', type: 'STANDARD', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: 'ran', End: true } } }) });
    const def = { StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: childArn }, End: true } } };
    const r = await h.engine.startSyncExecution({ stateMachineArn: arns.stateMachine(SCOPE, 'express-parent'), stateMachineName: 'express-parent', definition: JSON.stringify(def), type: 'EXPRESS', input: '{}' });
    expect(r.status).toBe('SUCCEEDED');
    const child = (JSON.parse(r.output ?? '{}') as { ExecutionArn: string }).ExecutionArn;
    const d = await h.waitDone(child, 5000);
    expect([d.status, d.output]).toEqual(['SUCCEEDED', '"ran"']);
  });
});

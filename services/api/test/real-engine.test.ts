// The api over the durable engine: real Redis, the engine's workers in-process, the unmodified
// AWS SDK as the client. Start, describe, history, human approval by task token, activities,
// idempotent starts, StartSyncExecution and asynchronous EXPRESS starts end to end.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import * as sfn from '@aws-sdk/client-sfn';
import { loadConfig } from '@stepwise/config';
import { engineFromConfig, startWorkers, type EngineWorkers } from '@stepwise/engine';
import { createLogger } from '@stepwise/observability';
import { uniquePrefix } from '@stepwise/testkit';
import { createApp } from '../src/app.js';
import { productionDeps } from '../src/wiring.js';

let server: Server;
let workers: EngineWorkers;
let close: () => Promise<void>;
let client: sfn.SFNClient;
let url: string;
const role = 'arn:aws:iam::123456789012:role/test';

beforeAll(async () => {
  const config = loadConfig({ STEPWISE_ENV: 'test', REDIS_URL: inject('redisUrl'), STEPWISE_KEY_PREFIX: uniquePrefix('apie') });
  const { engine, redis } = engineFromConfig(config);
  workers = startWorkers(engine.core, { concurrency: 4 });
  const app = createApp(productionDeps(config, redis, engine, createLogger({ service: 'api', level: 'silent' })));
  server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = new sfn.SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, disableHostPrefix: true, maxAttempts: 1 });
  close = async () => {
    client.destroy();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await workers.close(true);
    await engine.close();
    redis.disconnect();
  };
});
afterAll(async () => {
  await close();
});

async function until(executionArn: string, status: string): Promise<sfn.DescribeExecutionCommandOutput> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const d = await client.send(new sfn.DescribeExecutionCommand({ executionArn }));
    if (d.status === status) return d;
    if (Date.now() > deadline) throw new Error(`execution is ${d.status}, expected ${status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('api over the durable engine', () => {
  it('refuses an invalid definition with the ASL validator\'s message', async () => {
    const def = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } });
    try {
      await client.send(new sfn.CreateStateMachineCommand({ name: 'bad', definition: def, roleArn: role }));
      throw new Error('expected InvalidDefinition');
    } catch (e) {
      expect((e as Error).name).toBe('InvalidDefinition');
      expect((e as Error).message).toMatch(/^Invalid State Machine Definition: '.*MISSING_TRANSITION_TARGET/);
    }
  });

  it('runs a state machine to its output and pages its history', async () => {
    const def = JSON.stringify({ StartAt: 'Add', States: { Add: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } } });
    const sm = await client.send(new sfn.CreateStateMachineCommand({ name: 'adder', definition: def, roleArn: role }));
    const a = await client.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'one', input: '{"a":2,"b":3}' }));
    const d = await until(a.executionArn!, 'SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ sum: 5 });
    // AWS: the same name once the execution has closed is ExecutionAlreadyExists.
    await expect(client.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'one', input: '{"a":2,"b":3}' }))).rejects.toThrow(/Execution Already Exists/);
    const h1 = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn: a.executionArn, maxResults: 2 }));
    expect(h1.events?.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered']);
    const h2 = await client.send(new sfn.GetExecutionHistoryCommand({ executionArn: a.executionArn, maxResults: 100, nextToken: h1.nextToken }));
    expect(h2.events?.map((e) => e.type)).toEqual(['PassStateExited', 'ExecutionSucceeded']);
    expect(h2.events?.[0]?.id).toBe(3);
  });

  it('waits for a person and resumes on SendTaskSuccess; REST lists the waiting task', async () => {
    const def = JSON.stringify({
      StartAt: 'Approve',
      States: { Approve: { Type: 'Task', Resource: 'arn:stepwise:states:::approval.waitForTaskToken', Parameters: { 'amount.$': '$.amount' }, End: true } },
    });
    const sm = await client.send(new sfn.CreateStateMachineCommand({ name: 'approval', definition: def, roleArn: role }));
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'req-1', input: '{"amount":120}' }));
    // While it runs, the same name and input answer the same execution (idempotent start).
    const again = await client.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'req-1', input: '{"amount":120}' }));
    expect(again.executionArn).toBe(executionArn);
    let tasks: { taskToken: string; input: string; kind: string }[] = [];
    const deadline = Date.now() + 10_000;
    while (tasks.length === 0 && Date.now() < deadline) {
      const res = await fetch(`${url}/v1/executions/${encodeURIComponent(executionArn!)}/tasks`);
      tasks = ((await res.json()) as { tasks: typeof tasks }).tasks;
      if (tasks.length === 0) await new Promise((r) => setTimeout(r, 25));
    }
    expect(tasks).toHaveLength(1);
    expect(JSON.parse(tasks[0]!.input)).toEqual({ amount: 120 });
    await client.send(new sfn.SendTaskSuccessCommand({ taskToken: tasks[0]!.taskToken, output: '{"approved":true}' }));
    const d = await until(executionArn!, 'SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ approved: true });
  });

  it('serves activity workers with GetActivityTask', async () => {
    const act = await client.send(new sfn.CreateActivityCommand({ name: 'resize' }));
    const def = JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: act.activityArn, End: true } } });
    const sm = await client.send(new sfn.CreateStateMachineCommand({ name: 'worker', definition: def, roleArn: role }));
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, input: '{"px":64}' }));
    const task = await client.send(new sfn.GetActivityTaskCommand({ activityArn: act.activityArn, workerName: 'w' }));
    expect(JSON.parse(task.input!)).toEqual({ px: 64 });
    await client.send(new sfn.SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"done":true}' }));
    expect(JSON.parse((await until(executionArn!, 'SUCCEEDED')).output!)).toEqual({ done: true });
  });

  it('answers StartSyncExecution inline for EXPRESS machines', async () => {
    const def = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: 1 }, End: true } } });
    const sm = await client.send(new sfn.CreateStateMachineCommand({ name: 'fast', definition: def, roleArn: role, type: 'EXPRESS' }));
    const r = await client.send(new sfn.StartSyncExecutionCommand({ stateMachineArn: sm.stateMachineArn, input: '{}' }));
    expect(r.status).toBe('SUCCEEDED');
    expect(JSON.parse(r.output!)).toEqual({ ok: 1 });
    expect(r.executionArn).toMatch(/:express:fast:/);
  });

  it('answers StartExecution on an EXPRESS machine with executionArn and startDate; a worker runs it', async () => {
    const bodies: unknown[] = [];
    const target = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        bodies.push(JSON.parse(text));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    try {
      const endpoint = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
      const def = JSON.stringify({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: endpoint, Method: 'POST', RequestBody: { 'order.$': '$.order', 'id.$': '$$.Execution.Id' } }, End: true } },
      });
      const sm = await client.send(new sfn.CreateStateMachineCommand({ name: 'async-express', definition: def, roleArn: role, type: 'EXPRESS' }));
      const before = Date.now();
      const r = await client.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'order-7', input: '{"order":7}' }));
      expect(r.executionArn).toBe('arn:aws:states:us-east-1:123456789012:express:async-express:order-7');
      expect(r.startDate).toBeInstanceOf(Date);
      expect(r.startDate!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      const deadline = Date.now() + 10_000;
      while (bodies.length === 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 25));
      expect(bodies).toEqual([{ order: 7, id: r.executionArn }]);
      // no status or history is kept for EXPRESS executions (AWS does not describe them either)
      await expect(client.send(new sfn.DescribeExecutionCommand({ executionArn: r.executionArn }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    } finally {
      target.closeAllConnections();
      await new Promise<void>((res) => target.close(() => res()));
    }
  });

  it('answers TestState with libs/testing (and its AWS errors)', async () => {
    const r = await client.send(new sfn.TestStateCommand({ definition: JSON.stringify({ Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true }), input: '{"n":21}' }));
    expect(r.status).toBe('SUCCEEDED');
    expect(JSON.parse(r.output!)).toEqual({ doubled: 42 });
    await expect(client.send(new sfn.TestStateCommand({ definition: '{"Type":"Nope"}' }))).rejects.toMatchObject({ name: expect.stringMatching(/InvalidDefinition|ValidationException/) });
  });
});

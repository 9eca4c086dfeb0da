// End to end over real processes, driven by the unmodified AWS SDK and REST:
// 1. api, worker and scheduler as three processes on one Redis (what Kubernetes runs);
// 2. `npm start` (all-in-one) with its embedded redis-server, stopped and started again: a
//    waiting execution survives the restart (AOF in the data folder) and completes afterwards.
import { afterAll, describe, expect, it, inject } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as sfn from '@aws-sdk/client-sfn';
import { freePort, uniquePrefix } from '@stepwise/testkit';
import { servicesBuilt, startService, stopService, waitReady, type ServiceName } from './support/service-process.js';

const built = servicesBuilt('api', 'worker', 'scheduler', 'all-in-one');
const children: ChildProcess[] = [];
const dirs: string[] = [];

function start(service: ServiceName, env: Record<string, string>): ChildProcess {
  const child = startService(service, env);
  children.push(child);
  return child;
}

const stop = (child: ChildProcess) => stopService(child, 15_000);
const ready = waitReady;

afterAll(async () => {
  await Promise.all(children.map(stop));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const client = (url: string) => new sfn.SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'e2e', secretAccessKey: 'e2e' }, disableHostPrefix: true, maxAttempts: 1 });
const role = 'arn:aws:iam::123456789012:role/e2e';
const approvalMachine = JSON.stringify({
  StartAt: 'Pause',
  States: {
    Pause: { Type: 'Wait', Seconds: 1, Next: 'Approve' },
    Approve: { Type: 'Task', Resource: 'arn:stepwise:states:::approval.waitForTaskToken', Parameters: { 'amount.$': '$.amount' }, ResultPath: '$.decision', Next: 'Done' },
    Done: { Type: 'Pass', End: true },
  },
});

async function waitingToken(url: string, executionArn: string): Promise<string> {
  const until = Date.now() + 20_000;
  for (;;) {
    const res = await fetch(`${url}/v1/executions/${encodeURIComponent(executionArn)}/tasks`);
    const body = (await res.json()) as { tasks?: { taskToken: string }[] };
    const token = body.tasks?.[0]?.taskToken;
    if (token) return token;
    if (Date.now() > until) throw new Error('no waiting task appeared');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function finished(c: sfn.SFNClient, executionArn: string): Promise<sfn.DescribeExecutionCommandOutput> {
  const until = Date.now() + 20_000;
  for (;;) {
    const d = await c.send(new sfn.DescribeExecutionCommand({ executionArn }));
    if (d.status !== 'RUNNING') return d;
    if (Date.now() > until) throw new Error('execution still RUNNING');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!built)('api end to end (built services)', () => {
  it('three processes: api, worker, scheduler on one Redis', async () => {
    const env = { REDIS_URL: inject('redisUrl'), STEPWISE_KEY_PREFIX: uniquePrefix('e2e'), STEPWISE_LEADER_LEASE_MS: '1000' };
    const port = await freePort();
    const api = start('api', { ...env, PORT: String(port) });
    start('worker', env);
    start('scheduler', env);
    const url = `http://127.0.0.1:${port}`;
    await ready(url, api);
    const c = client(url);
    const sm = await c.send(new sfn.CreateStateMachineCommand({ name: 'expense', definition: approvalMachine, roleArn: role }));
    const { executionArn } = await c.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'x1', input: '{"amount":99}' }));
    const token = await waitingToken(url, executionArn!);
    const approve = await fetch(`${url}/v1/tasks/approve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ taskToken: token, output: { approved: true } }) });
    expect(approve.status).toBe(200);
    const d = await finished(c, executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ amount: 99, decision: { approved: true } });
    const history = await c.send(new sfn.GetExecutionHistoryCommand({ executionArn }));
    const types = history.events!.map((e) => e.type);
    expect(types[0]).toBe('ExecutionStarted');
    expect(types).toContain('WaitStateExited');
    expect(types).toContain('TaskSucceeded');
    expect(types.at(-1)).toBe('ExecutionSucceeded');
    c.destroy();
  });

  it('npm start: embedded Redis keeps a waiting execution across a restart', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'stepwise-e2e-'));
    dirs.push(dataDir);
    const env = { STEPWISE_DATA_DIR: dataDir, STEPWISE_LEADER_LEASE_MS: '1000' };
    let port = await freePort();
    let proc = start('all-in-one', { ...env, PORT: String(port) });
    let url = `http://127.0.0.1:${port}`;
    await ready(url, proc);
    let c = client(url);
    const sm = await c.send(new sfn.CreateStateMachineCommand({ name: 'expense', definition: approvalMachine, roleArn: role }));
    const { executionArn } = await c.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn, name: 'survivor', input: '{"amount":7}' }));
    const token = await waitingToken(url, executionArn!);
    c.destroy();
    await stop(proc);
    expect(existsSync(path.join(dataDir, 'appendonlydir')) || existsSync(path.join(dataDir, 'appendonly.aof'))).toBe(true);

    port = await freePort();
    proc = start('all-in-one', { ...env, PORT: String(port) });
    url = `http://127.0.0.1:${port}`;
    await ready(url, proc);
    c = client(url);
    expect((await c.send(new sfn.DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    expect(await waitingToken(url, executionArn!)).toBe(token);
    await c.send(new sfn.SendTaskSuccessCommand({ taskToken: token, output: '"yes"' }));
    const d = await finished(c, executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ amount: 7, decision: 'yes' });
    c.destroy();
    await stop(proc);
  });
});

// REST under /v1: the same actions and errors as the AWS protocol, plus waiting tasks for people.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openApiDocument } from '@stepwise/protocol';
import { settled, startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject('redisUrl'));
});
afterAll(async () => {
  await h.close();
});

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const res = await fetch(`${h.url}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function waitingTasks(executionArn: string): Promise<{ status: number; json: Record<string, any> }> {
  for (let i = 0; i < 200; i++) {
    const r = await call('GET', `/v1/executions/${encodeURIComponent(executionArn)}/tasks`);
    if (r.json.tasks?.length > 0) return r;
    await new Promise((res) => setTimeout(res, 20));
  }
  throw new Error('no waiting task appeared');
}

const approval = { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: 'arn:stepwise:states:::approval.waitForTaskToken', End: true } } };

describe('REST', () => {
  it('creates a state machine by name, starts, lists and describes executions with ISO dates', async () => {
    const c = await call('POST', '/v1/state-machines', { name: 'expense', definition: approval });
    expect(c.status).toBe(201);
    expect(c.json.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:expense');
    expect(c.json.creationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const d = await call('GET', '/v1/state-machines/expense');
    expect(d.json).toMatchObject({ name: 'expense', definition: JSON.stringify(approval) });

    const s = await call('POST', '/v1/state-machines/expense/executions', { name: 'e1', input: { amount: 42 } });
    expect(s.status).toBe(201);
    const execArn = s.json.executionArn as string;
    const desc = await call('GET', `/v1/executions/${encodeURIComponent(execArn)}`);
    expect(desc.json).toMatchObject({ status: 'RUNNING', input: '{"amount":42}' });
    expect(desc.json.startDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const list = await call('GET', '/v1/state-machines/expense/executions?statusFilter=RUNNING&maxResults=10');
    expect(list.json.executions.map((e: { name: string }) => e.name)).toEqual(['e1']);

    // What the execution waits for, then approve it by token.
    const tasks = await waitingTasks(execArn);
    expect(tasks.json.tasks).toHaveLength(1);
    expect(tasks.json.tasks[0]).toMatchObject({ executionArn: execArn, kind: 'approval' });
    const all = await call('GET', '/v1/tasks?kind=approval');
    expect(all.json.tasks.map((t: { executionArn: string }) => t.executionArn)).toContain(execArn);
    const ok = await call('POST', '/v1/tasks/approve', { taskToken: tasks.json.tasks[0].taskToken, output: { approved: true } });
    expect(ok.status).toBe(200);
    expect(await settled(h, execArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"approved":true}' });
    const hist = await call('GET', `/v1/executions/${encodeURIComponent(execArn)}/history?maxResults=1&reverseOrder=true`);
    expect(hist.json.events[0].type).toBe('ExecutionSucceeded');
    expect(hist.json.nextToken).toBeTruthy();
  });

  it('rejects a task and answers the same errors as the AWS protocol', async () => {
    await call('POST', '/v1/state-machines', { name: 'rej', definition: approval });
    const s = await call('POST', '/v1/state-machines/rej/executions', {});
    const tasks = await waitingTasks(s.json.executionArn);
    const r = await call('POST', '/v1/tasks/reject', { taskToken: tasks.json.tasks[0].taskToken, error: 'Rejected', cause: 'too expensive' });
    expect(r.status).toBe(200);
    expect(await settled(h, s.json.executionArn)).toMatchObject({ status: 'FAILED', error: 'Rejected', cause: 'too expensive' });
    const again = await call('POST', '/v1/tasks/approve', { taskToken: tasks.json.tasks[0].taskToken });
    expect(again.status).toBe(400);
    expect(again.json.__type).toBe('TaskTimedOut');
    expect((await call('GET', '/v1/state-machines/missing')).json.__type).toBe('StateMachineDoesNotExist');
    expect((await call('GET', '/v1/state-machines?maxResults=5000')).json.__type).toBe('ValidationException');
    expect((await call('POST', '/v1/state-machines', { name: 'x' })).json.__type).toBe('ValidationException');
    expect((await call('GET', '/v1/nowhere')).status).toBe(404);
  });

  it('carries the caller\'s trace context into the execution when traceHeader is absent', async () => {
    await call('POST', '/v1/state-machines', { name: 'traced', definition: approval });
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const res = await fetch(`${h.url}/v1/state-machines/traced/executions`, { method: 'POST', headers: { 'content-type': 'application/json', traceparent }, body: '{}' });
    const { executionArn } = (await res.json()) as { executionArn: string };
    expect((await call('GET', `/v1/executions/${encodeURIComponent(executionArn)}`)).json.traceHeader).toBe(traceparent);
    const explicit = await call('POST', '/v1/state-machines/traced/executions', { traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793' });
    expect((await call('GET', `/v1/executions/${encodeURIComponent(explicit.json.executionArn)}`)).json.traceHeader).toBe('Root=1-5759e988-bd862e3fe1be46a994272793');
  });

  it('publishes versions and manages aliases by path', async () => {
    await call('POST', '/v1/state-machines', { name: 'aliased', definition: approval, publish: true });
    const alias = await call('POST', '/v1/state-machines/aliased/aliases', { name: 'live', routingConfiguration: [{ stateMachineVersionArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:aliased:1', weight: 100 }] });
    expect(alias.status).toBe(201);
    expect(alias.json.stateMachineAliasArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:aliased:live');
    expect((await call('GET', '/v1/state-machines/aliased/aliases/live')).json).toMatchObject({ name: 'live', routingConfiguration: [{ weight: 100 }] });
    expect((await call('DELETE', '/v1/state-machines/aliased/versions/1')).json.__type).toBe('ConflictException');
    expect((await call('PATCH', '/v1/state-machines/aliased/aliases/live', { description: 'prod' })).status).toBe(200);
    expect((await call('DELETE', '/v1/state-machines/aliased/aliases/live')).status).toBe(200);
    expect((await call('DELETE', '/v1/state-machines/aliased/versions/1')).status).toBe(200);
    expect((await call('GET', '/v1/state-machines/aliased/versions')).json.stateMachineVersions).toEqual([]);
  });

  it('serves every route the OpenAPI document lists', async () => {
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      for (const method of Object.keys(item)) {
        const url = path.replace(/\{[^}]+\}/g, 'arn%3Aaws%3Astates%3Aus-east-1%3A123456789012%3Aexecution%3Anone%3Anone');
        const res = await fetch(`${h.url}${url}${method === 'delete' && path.startsWith('/v1/tags') ? '?tagKeys=a' : ''}`, {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
          ...(method === 'get' || method === 'delete' ? {} : { body: '{}' }),
          signal: AbortSignal.timeout(5000),
        });
        const body = (await res.json()) as { __type?: string };
        expect(body.__type, `${method} ${path}`).not.toBe('NotFoundException');
      }
    }
  });
});

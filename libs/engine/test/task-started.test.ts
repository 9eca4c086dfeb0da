/**
 * TaskStarted (LambdaFunctionStarted) for dispatched tasks, as AWS records them: request-response
 * tasks get Scheduled, Started, then the outcome; `.sync` and `.waitForTaskToken` get Scheduled,
 * Started, Submitted, then the outcome. TaskStarted carries the time the call began.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { arns } from '@stepwise/protocol';
import { assertContiguous, harness, SCOPE, type Harness, until } from './harness.js';
import { deliverOutcome } from '../src/dispatch.js';
import { executionIdOf } from '../src/ids.js';
import type { StoredHistoryEvent } from '../src/facade.js';

const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function';
/** How long the test server takes to answer: TaskStarted must be that much before the outcome. */
const DELAY_MS = 80;

const types = (events: readonly StoredHistoryEvent[]) => events.map((e) => e.type);
const one = (events: readonly StoredHistoryEvent[], type: string): StoredHistoryEvent => {
  const found = events.filter((e) => e.type === type);
  expect(found, type).toHaveLength(1);
  return found[0] as StoredHistoryEvent;
};

/** The call took DELAY_MS: TaskStarted is stamped when it began, not when its answer was committed. */
function expectStartedBeforeOutcome(events: readonly StoredHistoryEvent[], started: string, outcome: string): void {
  const s = one(events, started);
  const o = one(events, outcome);
  expect(s.timestamp).toBeGreaterThanOrEqual(one(events, events.find((e) => e.type.endsWith('Scheduled'))?.type ?? '').timestamp);
  expect(o.timestamp - s.timestamp).toBeGreaterThanOrEqual(DELAY_MS - 10);
}

describe('TaskStarted for dispatched tasks', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        setTimeout(() => {
          const status = req.url?.endsWith('/fail') ? 500 : 200;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: status === 200 }));
        }, DELAY_MS);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  let h: Harness;
  afterEach(async () => h.close());

  it('an HTTP task: TaskScheduled, TaskStarted (when the call began), TaskSucceeded; a failed call: TaskFailed', async () => {
    h = await harness();
    const def = (path: string) => ({
      StartAt: 'H',
      States: { H: { Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: `${base}${path}`, Method: 'GET', Authentication: { ConnectionArn: 'arn:aws:events:us-east-1:123456789012:connection/c' } }, End: true } },
    });
    const ok = await h.start('http-started', def('/ok'));
    expect((await h.waitDone(ok)).status).toBe('SUCCEEDED');
    const events = await h.history(ok);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(one(events, 'TaskStarted').taskStartedEventDetails).toEqual({ resourceType: 'http', resource: 'invoke' });
    expectStartedBeforeOutcome(events, 'TaskStarted', 'TaskSucceeded');
    assertContiguous(events);

    const bad = await h.start('http-started-fail', def('/fail'));
    expect((await h.waitDone(bad)).status).toBe('FAILED');
    const failed = await h.history(bad);
    expect(types(failed)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    expectStartedBeforeOutcome(failed, 'TaskStarted', 'TaskFailed');
    assertContiguous(failed);
  });

  it('a Lambda function ARN as Resource: LambdaFunctionScheduled, LambdaFunctionStarted, LambdaFunctionSucceeded', async () => {
    h = await harness({ integrations: { lambdaEndpoints: { greet: `${base}/fn/greet` } } });
    const arn = await h.start('lambda-started', { StartAt: 'L', States: { L: { Type: 'Task', Resource: `${LAMBDA_ARN}:greet`, End: true } } });
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    // AWS: LambdaFunctionStarted has no details
    expect(Object.keys(one(events, 'LambdaFunctionStarted')).sort()).toEqual(['id', 'previousEventId', 'timestamp', 'type']);
    expectStartedBeforeOutcome(events, 'LambdaFunctionStarted', 'LambdaFunctionSucceeded');
    assertContiguous(events);
  });

  it('an in-process handler, with a Retry: each attempt gets TaskScheduled, TaskStarted and its outcome', async () => {
    let calls = 0;
    h = await harness({
      integrations: {
        handlers: {
          'arn:aws:states:::lambda:invoke': async () => {
            await new Promise((r) => setTimeout(r, DELAY_MS));
            if (++calls === 1) throw Object.assign(new Error('once'), { name: 'Flaky' });
            return { done: true };
          },
        },
      },
    });
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, BackoffRate: 1 }], End: true } } };
    const arn = await h.start('handler-started', def);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    expect(types(events)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed',
      'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    const [s1, s2] = events.filter((e) => e.type === 'TaskStarted');
    const [f1] = events.filter((e) => e.type === 'TaskFailed');
    const [ok] = events.filter((e) => e.type === 'TaskSucceeded');
    expect((f1?.timestamp ?? 0) - (s1?.timestamp ?? 0)).toBeGreaterThanOrEqual(DELAY_MS - 10);
    expect((ok?.timestamp ?? 0) - (s2?.timestamp ?? 0)).toBeGreaterThanOrEqual(DELAY_MS - 10);
    assertContiguous(events);
  });

  it('an outcome delivered as a signal records TaskStarted at the start time it carries', async () => {
    h = await harness({ timers: false, workers: false });
    const arn = await h.start('signal-started', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } } });
    const scheduled = await until(async () => (await h.history(arn)).find((e) => e.type === 'TaskScheduled'));
    const started = scheduled.timestamp + 1;
    await new Promise((r) => setTimeout(r, 30));
    const r = await deliverOutcome(h.engine.core, { executionId: executionIdOf(arn) ?? '', frameId: 'root', waitId: '1' }, { kind: 'succeeded', output: { ok: true } }, undefined, started);
    expect(r).toBe('delivered');
    expect((await h.engine.describeExecution(arn)).status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(one(events, 'TaskStarted').timestamp).toBe(started);
    expect(one(events, 'TaskSucceeded').timestamp).toBeGreaterThanOrEqual(started + 25);
    assertContiguous(events);
  });

  it('.waitForTaskToken: TaskStarted and TaskSubmitted (the call\'s response) at the hand-off, TaskSucceeded on SendTaskSuccess', async () => {
    let token: string | undefined;
    h = await harness({
      integrations: {
        handlers: {
          'arn:aws:states:::lambda:invoke': async (input) => {
            await new Promise((r) => setTimeout(r, DELAY_MS));
            token = (input as { Payload: { token: string } }).Payload.token;
            return { StatusCode: 202 };
          },
        },
      },
    });
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } }, End: true } } };
    const arn = await h.start('callback-started', def);
    const submitted = await until(async () => (await h.history(arn)).find((e) => e.type === 'TaskSubmitted'));
    expect(submitted.taskSubmittedEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', output: '{"StatusCode":202}' });
    await h.engine.sendTaskSuccess(token ?? '', '{"answer":42}');
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expectStartedBeforeOutcome(events, 'TaskStarted', 'TaskSubmitted');
    expect(one(events, 'TaskStarted').timestamp).toBeLessThanOrEqual(one(events, 'TaskSucceeded').timestamp);
    assertContiguous(events);
  });

  it('.waitForTaskToken whose call itself fails: TaskStarted, TaskFailed, no TaskSubmitted (nothing was submitted)', async () => {
    h = await harness({
      integrations: {
        handlers: {
          'arn:aws:states:::lambda:invoke': async () => {
            throw new Error('the function could not be invoked');
          },
        },
      },
    });
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } }, End: true } } };
    const arn = await h.start('callback-call-fails', def);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    const events = await h.history(arn);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed']);
    assertContiguous(events);
  });

  it('.waitForTaskToken answered before its call returned: still TaskStarted, TaskSubmitted, then TaskSucceeded', async () => {
    h = await harness({
      integrations: {
        handlers: {
          'arn:aws:states:::lambda:invoke': async (input) => {
            await h.engine.sendTaskSuccess((input as { Payload: { token: string } }).Payload.token, '{"fast":true}');
            return {};
          },
        },
      },
    });
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'f', Payload: { 'token.$': '$$.Task.Token' } }, End: true } } };
    const arn = await h.start('callback-fast', def);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    // the late hand-off finds the wait answered and records nothing more
    await new Promise((r) => setTimeout(r, 50));
    const events = await h.history(arn);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    assertContiguous(events);
  });

  it('a nested .sync execution: TaskSubmitted carries the StartExecution response', async () => {
    h = await harness();
    const childArn = arns.stateMachine(SCOPE, 'started-child');
    h.machines.set(childArn, { stateMachineArn: childArn, name: 'started-child', type: 'STANDARD', definition: JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 0, End: true } } }) });
    const arn = await h.start('parent-started', { StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: childArn }, End: true } } });
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    const output = JSON.parse(String((one(events, 'TaskSubmitted').taskSubmittedEventDetails as { output?: string }).output ?? '{}')) as Record<string, unknown>;
    expect(Object.keys(output).sort()).toEqual(['ExecutionArn', 'StartDate']);
    assertContiguous(events);
  });

  it('a .sync child whose end reaches the parent before the hand-off: TaskSubmitted still carries the StartExecution response', async () => {
    h = await harness();
    const childArn = arns.stateMachine(SCOPE, 'instant-child');
    h.machines.set(childArn, { stateMachineArn: childArn, name: 'instant-child', type: 'STANDARD', definition: JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }) });
    // the dispatcher's hand-off is held back until after the child's end notice, as when a child
    // ends within its own start and the notice's relay wins the race
    const integrations = h.engine.core.integrations;
    const dispatch = integrations.dispatch.bind(integrations);
    integrations.dispatch = async (req) => {
      const out = await dispatch(req);
      if (out.kind === 'submitted') await new Promise((r) => setTimeout(r, 300));
      return out;
    };
    try {
      const arn = await h.start('parent-instant', { StartAt: 'N', States: { N: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync', Parameters: { StateMachineArn: childArn }, End: true } } });
      expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
      await new Promise((r) => setTimeout(r, 400));
      const events = await h.history(arn);
      assertContiguous(events);
      expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSubmitted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
      const output = JSON.parse(String((one(events, 'TaskSubmitted').taskSubmittedEventDetails as { output?: string }).output ?? '{}')) as Record<string, unknown>;
      expect(Object.keys(output).sort()).toEqual(['ExecutionArn', 'StartDate']);
    } finally {
      integrations.dispatch = dispatch;
    }
  });

  it('a request-response task that times out during its call: TaskStarted, then TaskTimedOut', async () => {
    h = await harness({ timeScale: 100, integrations: { handlers: { 'arn:aws:states:::lambda:invoke': async () => new Promise((r) => setTimeout(() => r({}), 300)) } } });
    const arn = await h.start('timeout-started', { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, TimeoutSeconds: 5, End: true } } });
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    await new Promise((r) => setTimeout(r, 350));
    const events = await h.history(arn);
    expect(types(events)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'ExecutionFailed']);
    assertContiguous(events);
  });
});

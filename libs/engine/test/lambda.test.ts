/**
 * Lambda tasks routed to HTTP endpoints (STEPWISE_LAMBDA_ENDPOINTS, here the registry option):
 * a local server plays the functions. What is sent (URL, body, headers), AWS's result shapes,
 * function errors, an unrouted function and the callback pattern.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertContiguous, harness, type Harness, until } from './harness.js';

interface Received { readonly path: string; readonly method: string; readonly headers: IncomingHttpHeaders; readonly body: unknown }

const LAMBDA_ARN = 'arn:aws:lambda:us-east-1:123456789012:function';

describe('Lambda tasks routed to HTTP endpoints', () => {
  let server: Server;
  let base = '';
  const received: Received[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const body = text === '' ? null : (JSON.parse(text) as unknown);
        const path = req.url ?? '/';
        received.push({ path, method: req.method ?? '', headers: req.headers, body });
        if (path.endsWith('/throws')) {
          // how Lambda reports a function error: 200 with X-Amz-Function-Error and the error payload
          res.writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
          res.end(JSON.stringify({ errorType: 'ValidationError', errorMessage: 'bad order', trace: [] }));
        } else if (path.endsWith('/down')) {
          res.writeHead(503, { 'content-type': 'text/plain' });
          res.end('unavailable');
        } else if (path.endsWith('/callback')) {
          res.writeHead(202);
          res.end();
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ echo: body, path }));
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  let h: Harness;
  afterEach(async () => h.close());

  const routed = async (extra: Record<string, string> = {}) => {
    h = await harness({ integrations: { lambdaEndpoints: { greet: `${base}/fn/greet`, '*': `${base}/any/{name}`, ...extra } } });
  };
  const invoke = (functionName: string, extra: object = {}) => ({
    StartAt: 'L',
    States: { L: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: functionName, 'Payload.$': '$' }, End: true, ...extra } },
  });
  const lastTo = (path: string) => received.filter((r) => r.path === path).at(-1);

  it('lambda:invoke with a full function ARN POSTs the Payload with an Idempotency-Key and answers AWS\'s Invoke shape', async () => {
    await routed();
    const arn = await h.start('lam-arn', invoke(`${LAMBDA_ARN}:greet:$LATEST`), { who: 'ann' });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const req = lastTo('/fn/greet');
    expect(req?.method).toBe('POST');
    expect(req?.body).toEqual({ who: 'ann' });
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['idempotency-key']).toMatch(/\/root\/\d+\/1$/);
    expect(JSON.parse(d.output ?? '')).toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { echo: { who: 'ann' }, path: '/fn/greet' },
      SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'application/json' }, HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: req?.headers['idempotency-key'] },
      StatusCode: 200,
    });
    const types = (await h.history(arn)).map((e) => e.type);
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });

  it('lambda:invoke with a plain name, a name:alias or a partial ARN resolves the same function; `*` fills {name}', async () => {
    await routed();
    for (const [i, ref] of ['other', 'other:prod', '123456789012:function:other', '123456789012:function:other:7'].entries()) {
      const before = received.length;
      const arn = await h.start(`lam-name-${i}`, invoke(ref), { i });
      const d = await h.waitDone(arn);
      expect(d.status, ref).toBe('SUCCEEDED');
      expect(received.slice(before).map((r) => r.path), ref).toEqual(['/any/other']);
      expect((JSON.parse(d.output ?? '') as { Payload: unknown }).Payload).toEqual({ echo: { i }, path: '/any/other' });
    }
  });

  it('a Lambda function ARN as Resource sends the state input and returns the function\'s answer unwrapped', async () => {
    await routed();
    const def = { StartAt: 'L', States: { L: { Type: 'Task', Resource: `${LAMBDA_ARN}:greet`, End: true } } };
    const arn = await h.start('lam-direct', def, { who: 'bo' });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ echo: { who: 'bo' }, path: '/fn/greet' });
    expect(lastTo('/fn/greet')?.headers['idempotency-key']).toMatch(/\/root\/\d+\/1$/);
    const events = await h.history(arn);
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'LambdaFunctionScheduled', 'LambdaFunctionStarted', 'LambdaFunctionSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    assertContiguous(events);
  });

  it('a function error fails the task with its errorType (cause: the error payload), catchable; a 5xx is Lambda.ServiceException', async () => {
    await routed({ bad: `${base}/fn/throws`, gone: `${base}/fn/down` });
    const def = invoke('bad', { End: undefined, Next: 'Never', Catch: [{ ErrorEquals: ['ValidationError'], ResultPath: '$.error', Next: 'Handled' }] }) as { States: Record<string, object> };
    def.States.Never = { Type: 'Fail', Error: 'NotCaught' };
    def.States.Handled = { Type: 'Pass', End: true };
    const arn = await h.start('lam-err-caught', def, { n: 1 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? '') as { n: number; error: { Error: string; Cause: string } };
    expect(out.error.Error).toBe('ValidationError');
    expect(JSON.parse(out.error.Cause)).toEqual({ errorType: 'ValidationError', errorMessage: 'bad order', trace: [] });

    const direct = await h.start('lam-err-direct', { StartAt: 'L', States: { L: { Type: 'Task', Resource: `${LAMBDA_ARN}:bad`, End: true } } });
    const f = await h.waitDone(direct);
    expect(f.status).toBe('FAILED');
    expect(f.error).toBe('ValidationError');
    expect((await h.history(direct)).map((e) => e.type)).toContain('LambdaFunctionFailed');

    const down = await h.start('lam-5xx', invoke('gone'));
    const g = await h.waitDone(down);
    expect(g.status).toBe('FAILED');
    expect(g.error).toBe('Lambda.ServiceException');
    expect(g.cause).toBe('unavailable');
  });

  it('an unrouted function fails with Lambda.ResourceNotFoundException and calls nothing', async () => {
    h = await harness({ integrations: { lambdaEndpoints: { greet: `${base}/fn/greet` } } });
    const before = received.length;
    const arn = await h.start('lam-unrouted', invoke(`${LAMBDA_ARN}:missing`));
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('Lambda.ResourceNotFoundException');
    expect(d.cause).toContain('missing');
    expect(received.length).toBe(before);
  });

  it('lambda:invoke.waitForTaskToken hands the token to the function and waits for SendTaskSuccess', async () => {
    await routed({ cb: `${base}/fn/callback` });
    const def = {
      StartAt: 'L',
      States: { L: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', Parameters: { FunctionName: 'cb', Payload: { 'token.$': '$$.Task.Token', 'order.$': '$.order' } }, End: true } },
    };
    const arn = await h.start('lam-cb', def, { order: 42 });
    const req = await until(async () => lastTo('/fn/callback'));
    const body = req.body as { token: string; order: number };
    expect(body.order).toBe(42);
    expect(typeof body.token).toBe('string');
    // the function's answer does not end the task: the token does
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');
    await h.engine.sendTaskSuccess(body.token, '{"approved":true}');
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ approved: true });
  });
});

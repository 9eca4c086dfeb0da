// POST /v1/test-state: the AWS TestState action over REST — the same request and response
// members, the same implementation (libs/testing through deps.testState), the same errors.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { loadConfig } from '@stepwise/config';
import { openApiDocument } from '@stepwise/protocol';
import { testStateOf } from '../src/wiring.js';
import { startHarness, type Harness } from './support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(inject('redisUrl'), {}, { testState: testStateOf(loadConfig({ STEPWISE_ENV: 'test' })) });
});
afterAll(async () => {
  await h.close();
});

async function post(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.url}/v1/test-state`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const task = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'f', 'Payload.$': '$' },
  ResultSelector: { 'body.$': '$.Payload.body' },
  Retry: [{ ErrorEquals: ['Lambda.TimeoutException'], IntervalSeconds: 2, BackoffRate: 2, MaxAttempts: 3 }],
  Next: 'After',
};

describe('POST /v1/test-state', () => {
  it('answers a mocked Task exactly as the AWS action does', async () => {
    const request = {
      definition: JSON.stringify(task),
      input: '{"greeting":"hi"}',
      inspectionLevel: 'DEBUG' as const,
      mock: { result: '{"StatusCode":200,"Payload":{"body":"ok"}}' },
    };
    const rest = await post(request);
    const aws = await h.sfn.send(new sfn.TestStateCommand(request));
    expect(rest.status).toBe(200);
    expect(rest.json).toMatchObject({ status: 'SUCCEEDED', nextState: 'After', output: '{"body":"ok"}' });
    expect((rest.json.inspectionData as Record<string, unknown>).afterParameters).toBe('{"FunctionName":"f","Payload":{"greeting":"hi"}}');
    const { $metadata: _m, ...awsBody } = aws;
    expect(rest.json).toEqual(JSON.parse(JSON.stringify(awsBody)));
  });

  it('takes JSON values for the JSON-text members, and answers a retriable error with the back-off', async () => {
    const rest = await post({
      definition: task,
      input: { greeting: 'hi' },
      inspectionLevel: 'DEBUG',
      mock: { errorOutput: { error: 'Lambda.TimeoutException', cause: 'timed out' } },
      stateConfiguration: { retrierRetryCount: 1 },
    });
    expect(rest.status).toBe(200);
    expect(rest.json).toMatchObject({ status: 'RETRIABLE', error: 'Lambda.TimeoutException', cause: 'timed out' });
    expect((rest.json.inspectionData as Record<string, unknown>).errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 4 });
  });

  it('answers an invalid definition with the AWS error, in AWS shape', async () => {
    const rest = await post({ definition: '{"Type":"Nope"}' });
    const aws = await h.sfn.send(new sfn.TestStateCommand({ definition: '{"Type":"Nope"}' })).then(
      () => undefined,
      (e: unknown) => e as sfn.SFNServiceException,
    );
    expect(rest.status).toBe(400);
    expect(aws).toBeDefined();
    expect(rest.json.__type).toBe(aws!.name);
    expect(rest.json.message).toBe(aws!.message);
    const missing = await post({ input: '{}' });
    expect(missing.status).toBe(400);
    expect(missing.json.__type).toBe('ValidationException');
  });

  it('is in the OpenAPI document with the action as operation id', () => {
    const op = (openApiDocument.paths as unknown as Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }>>)['/v1/test-state']?.post;
    expect(op?.operationId).toBe('TestState');
    expect(op?.requestBody?.content['application/json']?.schema.required).toEqual(['definition']);
  });
});

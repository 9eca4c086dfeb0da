// `<stateMachineArn>#<TestCase>` (AWS Step Functions Local's mock test cases): the api strips the
// suffix, resolves the machine and hands the test case to the engine as `mockTestCase`.
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import type { ExecutionEngine, StartExecutionRequest } from '@stepwise/engine';
import { parseMockConfig } from '@stepwise/testing';
import { startHarness, type Harness } from './support/harness.js';

const seen: StartExecutionRequest[] = [];
let h: Harness;

beforeAll(async () => {
  const recording = {
    async startExecution(req: StartExecutionRequest) {
      seen.push(req);
      return { executionArn: `arn:aws:states:us-east-1:123456789012:execution:${req.stateMachineName}:${req.name ?? 'x'}`, startDate: 1_700_000_000_000 };
    },
  } as unknown as ExecutionEngine;
  const mockConfig = parseMockConfig({ StateMachines: { mocked: { TestCases: { HappyPath: {} } } }, MockedResponses: {} });
  h = await startHarness(inject('redisUrl'), {}, { engine: recording, mockConfig });
});
afterAll(async () => {
  await h.close();
});

it('passes the test case to the engine and the plain ARN as the machine', async () => {
  const def = JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } } });
  const sm = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'mocked', definition: def, roleArn: 'arn:aws:iam::123456789012:role/r' }));
  const r = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: `${sm.stateMachineArn}#HappyPath`, name: 'm1', input: '{"a":1}' }));
  expect(r.executionArn).toBe('arn:aws:states:us-east-1:123456789012:execution:mocked:m1');
  expect(r.startDate?.getTime()).toBe(1_700_000_000_000);
  expect(seen[0]).toMatchObject({ stateMachineArn: sm.stateMachineArn, stateMachineName: 'mocked', mockTestCase: 'HappyPath', definition: def, type: 'STANDARD', input: '{"a":1}', name: 'm1' });
  await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn!, name: 'm2' }));
  expect(seen[1]?.mockTestCase).toBeUndefined();
  expect(seen[1]?.input).toBe('{}');
});

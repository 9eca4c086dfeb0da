// StartExecution with `<stateMachineArn>#<TestCase>` is checked at once against the loaded
// SFN_MOCK_CONFIG (a 400 ValidationException naming the file and JSON pointer), refused when no
// mock configuration is loaded, and with the file loaded in both the api and the engine, runs
// on the mocked results.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { loadMockConfig } from '@stepwise/testing';
import { settled, startHarness, type Harness } from './support/harness.js';

const dir = fileURLToPath(new URL('../../../examples/testing/', import.meta.url));
const mockFile = `${dir}MockConfigFile.json`;
const definition = readFileSync(`${dir}LambdaSQSIntegration.asl.json`, 'utf8');
const roleArn = 'arn:aws:iam::123456789012:role/r';

async function rejection(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as sfn.SFNServiceException;
    return { name: err.name, message: err.message, status: err.$metadata.httpStatusCode };
  }
  throw new Error('the request succeeded');
}

describe('with SFN_MOCK_CONFIG loaded', () => {
  let h: Harness;
  let arn: string;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'), { SFN_MOCK_CONFIG: mockFile }, { mockConfig: loadMockConfig(readFileSync(mockFile, 'utf8'), mockFile) });
    const sm = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'LambdaSQSIntegration', definition, roleArn }));
    arn = sm.stateMachineArn!;
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers an unknown test case with a ValidationException naming the file and pointer, and starts nothing', async () => {
    const r = await rejection(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: `${arn}#NoSuchCase`, name: 'x1' })));
    expect(r.status).toBe(400);
    expect(r.name).toBe('ValidationException');
    expect(r.message).toContain(`${mockFile} at /StateMachines/LambdaSQSIntegration/TestCases/NoSuchCase: no test case 'NoSuchCase' for the state machine 'LambdaSQSIntegration' (it has: 'HappyPath', 'RetryPath', 'HybridPath')`);
    const list = await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: arn }));
    expect(list.executions).toEqual([]);
  });

  it('answers a state machine the file does not have with the pointer of its entry', async () => {
    const other = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'NotInTheFile', definition, roleArn }));
    const r = await rejection(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: `${other.stateMachineArn}#HappyPath` })));
    expect(r.name).toBe('ValidationException');
    expect(r.message).toContain(`${mockFile} at /StateMachines/NotInTheFile: no state machine 'NotInTheFile' in the mock configuration (it has: 'LambdaSQSIntegration')`);
  });

  it('runs a known test case on the mocked results', async () => {
    const r = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: `${arn}#HappyPath`, name: 'happy', input: '{"greeting":"hi"}' }));
    const d = await settled(h, r.executionArn!);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output!)).toEqual({ MD5OfMessageBody: '3bcb6e8e-7h85-4375-b0bc-1a59812c6e51', MessageId: '3bcb6e8e-8b51-4375-b0bc-1a59812c6e51' });
  });
});

describe('without a mock configuration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('refuses a #TestCase and says to set SFN_MOCK_CONFIG, starting nothing', async () => {
    const sm = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'LambdaSQSIntegration', definition, roleArn }));
    const r = await rejection(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: `${sm.stateMachineArn}#HappyPath`, name: 'x' })));
    expect(r.status).toBe(400);
    expect(r.name).toBe('ValidationException');
    expect(r.message).toContain("names the mock test case 'HappyPath'");
    expect(r.message).toContain('SFN_MOCK_CONFIG');
    const list = await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: sm.stateMachineArn! }));
    expect(list.executions).toEqual([]);
  });
});

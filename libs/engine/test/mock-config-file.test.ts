import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arns } from '@stepwise/protocol';
import { harness, SCOPE, type Harness } from './harness.js';
import { mockConfigHook, readMockConfigSync } from '../src/integrations/mock-config.js';

const dir = mkdtempSync(join(tmpdir(), 'sw-mocks-'));
const file = join(dir, 'MockConfigFile.json');
writeFileSync(file, JSON.stringify({
  StateMachines: {
    Orders: {
      TestCases: {
        RetryPath: { Charge: 'ChargeFailsThenWorks' },
        Empty: {},
      },
    },
  },
  MockedResponses: {
    ChargeFailsThenWorks: {
      '0': { Throw: { Error: 'Lambda.TooManyRequestsException', Cause: 'slow down' } },
      '1': { Return: { StatusCode: 200, Payload: { charged: true } } },
    },
  },
}));

const definition = JSON.stringify({
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'charge' },
      Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 1 }],
      OutputPath: '$.Payload', End: true,
    },
  },
});

describe('SFN_MOCK_CONFIG on the durable engine', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (testCase: string): Promise<string> =>
    (await h!.engine.startExecution({ stateMachineArn: arns.stateMachine(SCOPE, 'Orders'), stateMachineName: 'Orders', definition, type: 'STANDARD', input: '{}', mockTestCase: testCase })).executionArn;

  it('each retry takes the next mocked attempt; the real integration is never called', async () => {
    let real = 0;
    h = await harness({ timeScale: 100, integrations: { handlers: { 'arn:aws:states:::lambda:invoke': async () => { real++; return {}; } }, mocks: mockConfigHook(readMockConfigSync(file)) } });
    const d = await h.waitDone(await start('RetryPath'));
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ charged: true });
    expect(real).toBe(0);
    const types = (await h.history(d.executionArn)).map((e) => e.type);
    expect(types.filter((t) => t === 'TaskFailed')).toHaveLength(1);
  });

  it('a state the test case does not mock runs for real', async () => {
    let real = 0;
    h = await harness({ integrations: { handlers: { 'arn:aws:states:::lambda:invoke': async () => { real++; return { Payload: 'real' }; } }, mocks: mockConfigHook(readMockConfigSync(file)) } });
    const d = await h.waitDone(await start('Empty'));
    expect(d.status).toBe('SUCCEEDED');
    expect(real).toBe(1);
  });

  it('a test case the file does not have fails the execution with a cause naming the file and pointer', async () => {
    h = await harness({ integrations: { mocks: mockConfigHook(readMockConfigSync(file)) } });
    const d = await h.waitDone(await start('NoSuchCase'));
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('States.Runtime');
    expect(d.cause).toContain('/StateMachines/Orders/TestCases/NoSuchCase');
    expect(d.cause).toContain('MockConfigFile.json');
  });

  it('a malformed file is refused at start with its location', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ StateMachines: { X: { TestCases: { T: { S: 'Missing' } } } }, MockedResponses: {} }));
    expect(() => readMockConfigSync(bad)).toThrow(/bad\.json/);
    expect(() => readMockConfigSync(join(dir, 'absent.json'))).toThrow(/SFN_MOCK_CONFIG/);
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

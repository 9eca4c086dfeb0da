import { afterEach, describe, expect, it } from 'vitest';
import { arns } from '@stepwise/protocol';
import { harness, SCOPE, type Harness } from './harness.js';

describe('per-execution mock test case', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a task of an execution started with mockTestCase is answered by the mocks hook', async () => {
    const seen: string[] = [];
    h = await harness({
      integrations: {
        handlers: { 'arn:aws:states:::lambda:invoke': async () => ({ real: true }) },
        mocks: (req) => {
          seen.push(`${req.stateMachineName}#${req.mockTestCase}/${req.stateName}`);
          return req.mockTestCase === 'HappyPath' ? { kind: 'succeeded', output: { mocked: true } } : undefined;
        },
      },
    });
    const def = JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } } });
    const smArn = arns.stateMachine(SCOPE, 'mocked');
    const start = async (mockTestCase?: string) => (await h.engine.startExecution({ stateMachineArn: smArn, stateMachineName: 'mocked', definition: def, type: 'STANDARD', input: '{}', ...(mockTestCase !== undefined ? { mockTestCase } : {}) })).executionArn;
    const a = await start('HappyPath');
    const b = await start();
    expect(JSON.parse((await h.waitDone(a)).output ?? '')).toEqual({ mocked: true });
    expect(JSON.parse((await h.waitDone(b)).output ?? '')).toEqual({ real: true });
    expect(seen).toEqual(['mocked#HappyPath/T']);
  });
});

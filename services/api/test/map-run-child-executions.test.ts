// DescribeExecution, GetExecutionHistory and DescribeStateMachineForExecution on the child
// workflow executions of a Distributed Map run, over the real engine with the unmodified AWS SDK:
// a succeeded and a tolerated failed child, and a child redriven with its parent.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
/**
 * Item 1 fails: at a Fail state, or (`redrivable`) at a Pass state whose intrinsic fails until the
 * execution is redriven, as a redriven child continues at its failed state.
 */
const definition = (tolerated: number, redrivable = false) => JSON.stringify({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', End: true, ToleratedFailureCount: tolerated, Label: 'Items',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Read',
        States: {
          Read: { Type: 'Pass', Parameters: { 'item.$': '$', 'rc.$': '$$.Execution.RedriveCount' }, Next: 'C' },
          C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.item', NumericEquals: 1 }, { Variable: '$.rc', NumericEquals: 0 }], Next: redrivable ? 'R' : 'F' }], Default: 'P' },
          F: { Type: 'Fail', Error: 'Item', Cause: 'first attempt' },
          R: { Type: 'Pass', Parameters: { 'item.$': "States.StringToJson(States.ArrayGetItem(States.Array('{', '1'), $$.Execution.RedriveCount))" }, OutputPath: '$.item', End: true },
          P: { Type: 'Pass', OutputPath: '$.item', End: true },
        },
      },
    },
  },
});

describe('Distributed Map child executions over the AWS protocol', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.close();
  });

  async function run(name: string, tolerated: number, redrivable = false) {
    const sm = await h.sfn.send(new sfn.CreateStateMachineCommand({ name, definition: definition(tolerated, redrivable), roleArn: role }));
    const executionArn = (await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn!, input: '[0, 1, 2]' }))).executionArn!;
    const parent = await settled(h, executionArn);
    const mapRunArn = (await h.sfn.send(new sfn.ListMapRunsCommand({ executionArn }))).mapRuns![0]!.mapRunArn!;
    const children = (await h.sfn.send(new sfn.ListExecutionsCommand({ mapRunArn }))).executions ?? [];
    return { executionArn, parent, mapRunArn, children };
  }
  const history = async (executionArn: string) => (await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn }))).events ?? [];

  it('describes a succeeded and a failed child and returns their own histories', async () => {
    const { parent, mapRunArn, children } = await run('dmap-describe', 1);
    expect(parent.status).toBe('SUCCEEDED');
    expect(children.map((c) => c.status)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);

    const ok = await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: children[0]!.executionArn! }));
    expect(ok).toMatchObject({
      executionArn: children[0]!.executionArn, name: children[0]!.name, status: 'SUCCEEDED', mapRunArn,
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:dmap-describe/Items',
      input: '0', inputDetails: { included: true }, output: '0', outputDetails: { included: true }, redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(ok.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:dmap-describe\/Items:[^:]+$/);
    expect(ok.startDate?.getTime()).toBe(children[0]!.startDate?.getTime());
    expect(ok.stopDate?.getTime()).toBe(children[0]!.stopDate?.getTime());

    const bad = await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: children[1]!.executionArn! }));
    expect(bad).toMatchObject({ status: 'FAILED', error: 'Item', cause: 'first attempt', input: '1', redriveStatus: 'REDRIVABLE_BY_MAP_RUN', mapRunArn });
    expect(bad.output).toBeUndefined();

    const okEvents = await history(children[0]!.executionArn!);
    expect(okEvents.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ChoiceStateEntered', 'ChoiceStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(okEvents.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(okEvents[0]?.executionStartedEventDetails?.input).toBe('0');
    expect(okEvents.at(-1)?.executionSucceededEventDetails?.output).toBe('0');
    const badEvents = await history(children[1]!.executionArn!);
    expect(badEvents.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ChoiceStateEntered', 'ChoiceStateExited', 'FailStateEntered', 'ExecutionFailed']);
    expect(badEvents.at(-1)?.executionFailedEventDetails).toEqual({ error: 'Item', cause: 'first attempt' });

    const machine = await h.sfn.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn: children[0]!.executionArn! }));
    expect(machine).toMatchObject({ stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:dmap-describe/Items', mapRunArn, roleArn: role });
    expect(JSON.parse(machine.definition!)).toMatchObject({ StartAt: 'Read', ProcessorConfig: { Mode: 'DISTRIBUTED' } });

    const unknown = children[0]!.executionArn!.replace(/-0$/, '-9');
    await expect(h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: unknown }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn: unknown }))).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('a child redriven with its parent shows the redrive in its description and history', async () => {
    const { executionArn, parent, children } = await run('dmap-describe-redrive', 0, true);
    expect(parent.status).toBe('FAILED');
    const { redriveDate } = await h.sfn.send(new sfn.RedriveExecutionCommand({ executionArn }));
    expect((await settled(h, executionArn)).status).toBe('SUCCEEDED');
    const child = await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: children[1]!.executionArn! }));
    expect(child).toMatchObject({ status: 'SUCCEEDED', output: '1', redriveCount: 1 });
    expect(child.redriveDate?.getTime()).toBe(redriveDate?.getTime());
    const types = (await history(children[1]!.executionArn!)).map((e) => e.type);
    // it continues at the Pass state that failed: the states before it are not run again
    expect(types.slice(types.indexOf('PassStateEntered', 3))).toEqual(['PassStateEntered', 'ExecutionFailed', 'ExecutionRedriven', 'PassStateExited', 'ExecutionSucceeded']);
  });
});

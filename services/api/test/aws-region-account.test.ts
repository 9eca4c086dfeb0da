// A deployment configured for another region and account (STEPWISE_REGION, STEPWISE_ACCOUNT_ID):
// every ARN it answers carries them, and an ARN of any other region or account names nothing here,
// as an AWS endpoint only knows its own region's resources: the "does not exist" error of the
// resource's kind, never the resource of the same name in this scope.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness, rejects } from './support/harness.js';

const REGION = 'eu-central-1';
const ACCOUNT = '210987654321';
const role = `arn:aws:iam::${ACCOUNT}:role/test`;
const waitDef = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
let h: Harness;

beforeAll(async () => {
  h = await startHarness(inject('redisUrl'), { STEPWISE_REGION: REGION, STEPWISE_ACCOUNT_ID: ACCOUNT });
});
afterAll(async () => {
  await h.close();
});

/** The same ARN in the default scope (us-east-1, 123456789012), in another region, and in another account. */
function elsewhere(arn: string): string[] {
  return [
    arn.replace(`:${REGION}:${ACCOUNT}:`, ':us-east-1:123456789012:'),
    arn.replace(`:${REGION}:`, ':us-west-2:'),
    arn.replace(`:${ACCOUNT}:`, ':123456789012:'),
  ];
}

describe(`a deployment in ${REGION}, account ${ACCOUNT}`, () => {
  it('answers ARNs of its region and account everywhere', async () => {
    const c = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'scoped', definition: waitDef, roleArn: role, publish: true }));
    expect(c.stateMachineArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:scoped`);
    expect(c.stateMachineVersionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:scoped:1`);
    const s = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: c.stateMachineArn, name: 'one' }));
    expect(s.executionArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:execution:scoped:one`);
    const d = await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: s.executionArn }));
    expect(d).toMatchObject({ executionArn: s.executionArn, stateMachineArn: c.stateMachineArn, status: 'RUNNING' });
    expect((await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: c.stateMachineArn }))).stateMachineArn).toBe(c.stateMachineArn);
    expect((await h.sfn.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn: s.executionArn }))).stateMachineArn).toBe(c.stateMachineArn);
    expect((await h.sfn.send(new sfn.ListStateMachinesCommand({}))).stateMachines?.map((m) => m.stateMachineArn)).toEqual([c.stateMachineArn]);
    expect((await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: c.stateMachineArn }))).executions?.map((e) => [e.executionArn, e.stateMachineArn])).toEqual([[s.executionArn, c.stateMachineArn]]);
    const a = await h.sfn.send(new sfn.CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: c.stateMachineVersionArn, weight: 100 }] }));
    expect(a.stateMachineAliasArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:scoped:live`);
    expect((await h.sfn.send(new sfn.CreateActivityCommand({ name: 'act' }))).activityArn).toBe(`arn:aws:states:${REGION}:${ACCOUNT}:activity:act`);
    const ev = (await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn: s.executionArn }))).events ?? [];
    expect(ev[0]?.executionStartedEventDetails?.roleArn).toBe(role);
    await h.sfn.send(new sfn.StopExecutionCommand({ executionArn: s.executionArn }));
  });

  it('answers StateMachineDoesNotExist for a state machine ARN of another region or account', async () => {
    const smArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:scoped`;
    for (const arn of elsewhere(smArn)) {
      expect(await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: arn }))), arn).toMatchObject({ name: 'StateMachineDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: arn }))), arn).toMatchObject({ name: 'StateMachineDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: arn, definition: waitDef }))), arn).toMatchObject({ name: 'StateMachineDoesNotExist' });
      expect(await rejects(h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: arn }))), arn).toMatchObject({ name: 'StateMachineDoesNotExist' });
      expect(await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: `${arn}:live` }))), arn).toMatchObject({ name: 'StateMachineDoesNotExist' });
    }
    // the machine here is untouched
    expect((await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: smArn }))).definition).toBe(waitDef);
  });

  it('answers ExecutionDoesNotExist for an execution ARN of another region or account', async () => {
    const smArn = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:scoped`;
    const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: smArn, name: 'two' }));
    for (const arn of elsewhere(executionArn!)) {
      expect(await rejects(h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: arn }))), arn).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn: arn }))), arn).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.DescribeStateMachineForExecutionCommand({ executionArn: arn }))), arn).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.ListMapRunsCommand({ executionArn: arn }))), arn).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.StopExecutionCommand({ executionArn: arn }))), arn).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.RedriveExecutionCommand({ executionArn: arn }))), arn).toMatchObject({ name: 'ExecutionDoesNotExist', status: 400 });
    }
    // none of the calls above reached the execution here: it still runs
    expect((await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await h.sfn.send(new sfn.StopExecutionCommand({ executionArn }));
    expect((await settled(h, executionArn!)).status).toBe('ABORTED');
  });

  it('answers ActivityDoesNotExist and ResourceNotFound for activities and aliases of another scope', async () => {
    for (const arn of elsewhere(`arn:aws:states:${REGION}:${ACCOUNT}:activity:act`)) {
      expect(await rejects(h.sfn.send(new sfn.DescribeActivityCommand({ activityArn: arn }))), arn).toMatchObject({ name: 'ActivityDoesNotExist', status: 400 });
      expect(await rejects(h.sfn.send(new sfn.ListTagsForResourceCommand({ resourceArn: arn }))), arn).toMatchObject({ name: 'ResourceNotFound' });
    }
    for (const arn of elsewhere(`arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:scoped:live`)) {
      expect(await rejects(h.sfn.send(new sfn.DescribeStateMachineAliasCommand({ stateMachineAliasArn: arn }))), arn).toMatchObject({ name: 'ResourceNotFound', status: 400 });
    }
  });
});

// DeleteStateMachine as AWS does it, through the unmodified AWS SDK over the real engine: the
// machine is DELETING while an execution of it runs (its versions and aliases are gone at once,
// new starts fail with StateMachineDeleting), the execution runs to completion, and the machine is
// gone once nothing runs.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';

async function rejects(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string };
    return { name: err.name, message: err.message };
  }
  throw new Error('expected a rejection');
}

describe('DeleteStateMachine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'));
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps the machine DELETING while an execution runs, refuses new starts, and removes it when the execution ends', async () => {
    const { activityArn } = await h.sfn.send(new sfn.CreateActivityCommand({ name: 'review-delete' }));
    const definition = JSON.stringify({ StartAt: 'Review', States: { Review: { Type: 'Task', Resource: activityArn, End: true } } });
    const created = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'doomed', definition, roleArn: role, publish: true, tags: [{ key: 'team', value: 'a' }] }));
    const smArn = created.stateMachineArn!;
    const versionArn = created.stateMachineVersionArn!;
    const { stateMachineAliasArn: aliasArn } = await h.sfn.send(new sfn.CreateStateMachineAliasCommand({ name: 'live', routingConfiguration: [{ stateMachineVersionArn: versionArn, weight: 100 }] }));
    const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: aliasArn, name: 'running-one', input: '{"n":1}' }));
    const task = await h.sfn.send(new sfn.GetActivityTaskCommand({ activityArn }));
    expect(task.input).toBe('{"n":1}');

    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: smArn }));
    const described = await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: smArn }));
    expect(described.status).toBe('DELETING');
    expect((await h.sfn.send(new sfn.ListStateMachinesCommand({}))).stateMachines?.map((s) => s.name)).toContain('doomed');
    // Deleting again is accepted and changes nothing.
    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: smArn }));
    expect((await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: smArn }))).status).toBe('DELETING');

    expect(await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: smArn, input: '{}' })))).toEqual({
      name: 'StateMachineDeleting', message: `State Machine is being deleted: '${smArn}'`,
    });
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: versionArn, input: '{}' })))).name).toBe('StateMachineDeleting');
    expect((await rejects(h.sfn.send(new sfn.UpdateStateMachineCommand({ stateMachineArn: smArn, definition })))).name).toBe('StateMachineDeleting');
    expect((await rejects(h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'doomed', definition, roleArn: role })))).name).toBe('StateMachineDeleting');
    // Versions and aliases go with the DeleteStateMachine call.
    expect((await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: versionArn })))).name).toBe('StateMachineDoesNotExist');
    expect((await rejects(h.sfn.send(new sfn.DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn })))).name).toBe('ResourceNotFound');
    expect((await h.sfn.send(new sfn.ListStateMachineVersionsCommand({ stateMachineArn: smArn }))).stateMachineVersions).toEqual([]);

    // A parent's states:startExecution task is refused the same way.
    const parentDef = JSON.stringify({ StartAt: 'Child', States: { Child: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: smArn }, End: true } } });
    const parent = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'parent-of-doomed', definition: parentDef, roleArn: role }));
    const parentRun = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: parent.stateMachineArn, input: '{}' }));
    const parentDone = await settled(h, parentRun.executionArn!);
    expect([parentDone.status, parentDone.error]).toEqual(['FAILED', 'StepFunctions.StateMachineDeletingException']);

    // The running execution goes on to completion.
    expect((await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await h.sfn.send(new sfn.SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"ok":true}' }));
    const done = await settled(h, executionArn!);
    expect([done.status, done.output]).toEqual(['SUCCEEDED', '{"ok":true}']);

    expect(await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: smArn })))).toEqual({
      name: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${smArn}'`,
    });
    expect((await h.sfn.send(new sfn.ListStateMachinesCommand({}))).stateMachines?.map((s) => s.name)).not.toContain('doomed');
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: smArn, input: '{}' })))).name).toBe('StateMachineDoesNotExist');
    // The name is free again, with no tags left over.
    const again = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'doomed', definition, roleArn: role }));
    expect(again.stateMachineArn).toBe(smArn);
    expect((await h.sfn.send(new sfn.ListTagsForResourceCommand({ resourceArn: smArn }))).tags).toEqual([]);
    expect((await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: smArn }))).status).toBe('ACTIVE');
  });

  it('removes a machine with nothing running at once', async () => {
    const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const { stateMachineArn } = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'idle-delete', definition, roleArn: role }));
    const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{}' }));
    await settled(h, executionArn!);
    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn }));
    expect((await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn })))).name).toBe('StateMachineDoesNotExist');
  });

  it('starts on a machine that another replica removed and created again while this one still held it as DELETING', async () => {
    const definition = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    const { stateMachineArn } = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'recreated', definition, roleArn: role }));
    const run = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{}' }));
    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn }));
    // this replica now holds the DELETING record in its target cache
    expect((await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{}' })))).name).toBe('StateMachineDeleting');
    // elsewhere: the run ends, the machine is removed and created again under the same name
    await h.engine.stopExecution(run.executionArn!);
    expect(await h.registry.settleDeletion('recreated', (arn) => h.engine.hasRunningExecutions(arn))).toBeUndefined();
    await h.registry.createStateMachine({ name: 'recreated', definition, roleArn: role, type: 'STANDARD' });
    const again = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn, input: '{}' }));
    expect(again.executionArn).toContain(':execution:recreated:');
  });
});

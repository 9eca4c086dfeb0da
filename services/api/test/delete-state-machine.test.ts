// DeleteStateMachine as AWS does it, through the unmodified AWS SDK over the real engine: the
// machine is DELETING while an execution of it runs (its versions and aliases are gone at once,
// new starts fail with StateMachineDeleting), each running execution fails with States.Runtime at
// its next state transition, and the machine is gone once nothing runs.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness, rejects } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
// 10^8 s: even at STEPWISE_TIME_SCALE=3600 a Wait stays pending until the test fires it.
const LONG = 100_000_000;

async function history(h: Harness, executionArn: string): Promise<sfn.HistoryEvent[]> {
  const out: sfn.HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn, nextToken }));
    out.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return out;
}

/** Polls the history until `n` events of `type` are in it. */
async function reached(h: Harness, executionArn: string, type: string, n = 1): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await history(h, executionArn)).filter((e) => e.type === type).length < n) {
    if (Date.now() > deadline) throw new Error(`${executionArn} never had ${n} ${type}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Ids 1..n in order, each previousEventId pointing back, and nothing after the closing event. */
function expectWellFormed(events: readonly sfn.HistoryEvent[]): void {
  expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
  for (const e of events) expect(e.previousEventId!).toBeLessThan(e.id!);
  expect(events.filter((e) => e.type?.startsWith('Execution') && e.type !== 'ExecutionStarted').map((e) => e.id)).toEqual([events.length]);
}

function expectDeletedFailure(events: readonly sfn.HistoryEvent[], machine: string): void {
  const last = events[events.length - 1];
  expect(last?.type).toBe('ExecutionFailed');
  expect(last?.executionFailedEventDetails).toEqual({ error: 'States.Runtime', cause: `State machine ${machine} has been deleted.` });
}

describe('DeleteStateMachine', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'), { STEPWISE_TIME_SCALE: '3600' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('keeps the machine DELETING while an execution waits for a task, refuses new starts, fails the execution when the task is answered, then removes the machine', async () => {
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

    expect(await rejects(h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: smArn, input: '{}' })))).toMatchObject({
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

    // The execution (started through the alias) waits for its task: no transition yet, so it runs.
    expect((await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    // The answer is accepted, but the transition it would cause fails the execution instead.
    await h.sfn.send(new sfn.SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"ok":true}' }));
    const done = await settled(h, executionArn!);
    expect([done.status, done.error, done.cause, done.output]).toEqual(['FAILED', 'States.Runtime', 'State machine doomed has been deleted.', undefined]);
    const events = await history(h, executionArn!);
    expectWellFormed(events);
    expectDeletedFailure(events, 'doomed');
    expect(events.map((e) => e.type)).not.toContain('ActivitySucceeded');
    expect(events.map((e) => e.type)).not.toContain('TaskStateExited');

    expect(await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: smArn })))).toMatchObject({
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

  it('fails an execution sitting in a Wait when the Wait fires, leaves other machines\' executions alone, and removes the machine', async () => {
    const definition = JSON.stringify({ StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: LONG, Next: 'After' }, After: { Type: 'Pass', End: true } } });
    const doomed = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'doomed-wait', definition, roleArn: role, publish: true }));
    const other = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'bystander', definition, roleArn: role }));
    // one through the machine, one through its version: both are the deleted machine's
    const viaMachine = (await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: doomed.stateMachineArn, input: '{}' }))).executionArn!;
    const viaVersion = (await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: doomed.stateMachineVersionArn, input: '{}' }))).executionArn!;
    const bystander = (await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: other.stateMachineArn, input: '{}' }))).executionArn!;
    for (const arn of [viaMachine, viaVersion, bystander]) await reached(h, arn, 'WaitStateEntered');

    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: doomed.stateMachineArn }));
    // Sitting in the Wait is no transition: the machine stays DELETING.
    expect((await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: doomed.stateMachineArn }))).status).toBe('DELETING');
    expect((await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: viaMachine }))).status).toBe('RUNNING');

    expect(await h.engine.fireTimerNow(viaMachine)).toBe(true);
    const first = await settled(h, viaMachine);
    expect([first.status, first.error, first.cause]).toEqual(['FAILED', 'States.Runtime', 'State machine doomed-wait has been deleted.']);
    const events = await history(h, viaMachine);
    expectWellFormed(events);
    expectDeletedFailure(events, 'doomed-wait');
    // the Wait is not left: the transition out of it is what the deletion replaced
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionFailed']);
    // The version's execution still holds the machine.
    expect((await h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: doomed.stateMachineArn }))).status).toBe('DELETING');

    expect(await h.engine.fireTimerNow(viaVersion)).toBe(true);
    expect((await settled(h, viaVersion)).error).toBe('States.Runtime');
    expect((await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn: doomed.stateMachineArn })))).name).toBe('StateMachineDoesNotExist');

    // The other machine's execution was not touched: it runs on to success.
    expect((await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn: bystander }))).status).toBe('RUNNING');
    expect(await h.engine.fireTimerNow(bystander)).toBe(true);
    expect((await settled(h, bystander)).status).toBe('SUCCEEDED');
  });

  it('ends a Parallel with a Map inside cleanly: one failure, the running iterations aborted, nothing after', async () => {
    const sleep = { StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: LONG, End: true } } };
    const definition = JSON.stringify({
      StartAt: 'Both',
      States: {
        Both: { Type: 'Parallel', End: true, Branches: [sleep, { StartAt: 'Each', States: { Each: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: sleep, End: true } } }] },
      },
    });
    const { stateMachineArn } = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'doomed-fanout', definition, roleArn: role }));
    const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items: [1, 2, 3] }) }));
    await reached(h, executionArn!, 'WaitStateEntered', 4);
    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn }));

    // The first timer (one branch or one iteration) makes the transition that fails it all.
    expect(await h.engine.fireTimerNow(executionArn!)).toBe(true);
    const done = await settled(h, executionArn!);
    expect([done.status, done.error, done.cause]).toEqual(['FAILED', 'States.Runtime', 'State machine doomed-fanout has been deleted.']);
    const events = await history(h, executionArn!);
    expectWellFormed(events);
    expectDeletedFailure(events, 'doomed-fanout');
    expect(events.filter((e) => e.type === 'MapIterationAborted').map((e) => e.mapIterationAbortedEventDetails?.index).sort()).toEqual([0, 1, 2]);
    expect(events.map((e) => e.type)).not.toContain('WaitStateExited');
    // Every timer went with the execution; nothing is left to fire or to write.
    expect(await h.engine.fireTimerNow(executionArn!)).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(await history(h, executionArn!)).toHaveLength(events.length);
    expect((await rejects(h.sfn.send(new sfn.DescribeStateMachineCommand({ stateMachineArn })))).name).toBe('StateMachineDoesNotExist');
  });

  it('tells a .sync parent of another machine that its nested execution failed', async () => {
    const childDef = JSON.stringify({ StartAt: 'Sleep', States: { Sleep: { Type: 'Wait', Seconds: LONG, End: true } } });
    const child = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'doomed-child', definition: childDef, roleArn: role }));
    const parentDef = JSON.stringify({
      StartAt: 'Run', States: { Run: { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution.sync:2', Parameters: { StateMachineArn: child.stateMachineArn, Input: {} }, End: true } },
    });
    const parent = await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'parent-of-doomed-child', definition: parentDef, roleArn: role }));
    const { executionArn: parentArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: parent.stateMachineArn, input: '{}' }));
    const childArn = await (async () => {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const arn = (await h.sfn.send(new sfn.ListExecutionsCommand({ stateMachineArn: child.stateMachineArn }))).executions?.[0]?.executionArn;
        if (arn !== undefined) return arn;
        if (Date.now() > deadline) throw new Error('the nested execution never started');
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await reached(h, childArn, 'WaitStateEntered');
    await h.sfn.send(new sfn.DeleteStateMachineCommand({ stateMachineArn: child.stateMachineArn }));
    expect(await h.engine.fireTimerNow(childArn)).toBe(true);
    expect((await settled(h, childArn)).error).toBe('States.Runtime');
    const p = await settled(h, parentArn!);
    expect([p.status, p.error]).toEqual(['FAILED', 'States.TaskFailed']);
    expect(JSON.parse(p.cause!)).toMatchObject({ Status: 'FAILED', Error: 'States.Runtime', Cause: 'State machine doomed-child has been deleted.' });
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

// SendTaskHeartbeat through the unmodified AWS SDK on an activity task with HeartbeatSeconds, over
// the real engine with its timer loop (STEPWISE_TIME_SCALE=10: HeartbeatSeconds 3 is 300 ms).
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import * as sfn from '@aws-sdk/client-sfn';
import { startTimerLoop, type TimerLoop } from '@stepwise/engine';
import { settled, startHarness, type Harness, rejects } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
const HEARTBEAT_MS = 300; // HeartbeatSeconds 3 at time scale 10
let h: Harness;
let timers: TimerLoop;
let smArn: string;
let activityArn: string;

beforeAll(async () => {
  h = await startHarness(inject('redisUrl'), { STEPWISE_TIME_SCALE: '10' });
  timers = startTimerLoop(h.core, { pollMs: 20 });
  activityArn = (await h.sfn.send(new sfn.CreateActivityCommand({ name: 'beating' }))).activityArn!;
  const definition = JSON.stringify({ StartAt: 'Work', States: { Work: { Type: 'Task', Resource: activityArn, HeartbeatSeconds: 3, TimeoutSeconds: 600, End: true } } });
  smArn = (await h.sfn.send(new sfn.CreateStateMachineCommand({ name: 'beating', definition, roleArn: role }))).stateMachineArn!;
});
afterAll(async () => {
  await timers.stop();
  await h.close();
});

async function startAndTake(): Promise<{ executionArn: string; taskToken: string }> {
  const { executionArn } = await h.sfn.send(new sfn.StartExecutionCommand({ stateMachineArn: smArn, input: '{"job":1}' }));
  const task = await h.sfn.send(new sfn.GetActivityTaskCommand({ activityArn, workerName: 'w1' }));
  expect(task.input).toBe('{"job":1}');
  return { executionArn: executionArn!, taskToken: task.taskToken! };
}
const heartbeat = (taskToken: string) => h.sfn.send(new sfn.SendTaskHeartbeatCommand({ taskToken }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SendTaskHeartbeat over the AWS protocol', () => {
  it('keeps the task alive past its heartbeat window; a used token is refused afterwards', async () => {
    const { executionArn, taskToken } = await startAndTake();
    const until = Date.now() + 4 * HEARTBEAT_MS;
    while (Date.now() < until) {
      await heartbeat(taskToken);
      await sleep(HEARTBEAT_MS / 4);
    }
    expect((await h.sfn.send(new sfn.DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    await h.sfn.send(new sfn.SendTaskSuccessCommand({ taskToken, output: '{"done":true}' }));
    expect(await settled(h, executionArn)).toMatchObject({ status: 'SUCCEEDED', output: '{"done":true}' });
    const events = (await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    // heartbeats write no history event
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    // the token answered once: a repeated one is a task that does not exist anymore (TaskTimedOut)
    expect(await rejects(heartbeat(taskToken))).toMatchObject({ name: 'TaskTimedOut', status: 400 });
  });

  it('without heartbeats the task times out with States.HeartbeatTimeout, and a late heartbeat gets TaskTimedOut', async () => {
    const { executionArn, taskToken } = await startAndTake();
    await heartbeat(taskToken);
    const d = await settled(h, executionArn);
    expect(d).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    const events = (await h.sfn.send(new sfn.GetExecutionHistoryCommand({ executionArn }))).events ?? [];
    expect(events.some((e) => e.type === 'ActivityTimedOut' && e.activityTimedOutEventDetails?.error === 'States.HeartbeatTimeout')).toBe(true);
    expect(await rejects(heartbeat(taskToken))).toMatchObject({ name: 'TaskTimedOut', status: 400 });
  });

  it('answers InvalidToken for a token that is not one of ours', async () => {
    expect(await rejects(heartbeat('not-a-token'))).toMatchObject({ name: 'InvalidToken', status: 400 });
    const { executionArn, taskToken } = await startAndTake();
    // a well-formed token whose secret part was changed
    const forged = taskToken.slice(0, -4) + (taskToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(await rejects(heartbeat(forged))).toMatchObject({ name: 'InvalidToken', status: 400 });
    await h.sfn.send(new sfn.StopExecutionCommand({ executionArn }));
    // the task of a stopped execution is over
    expect(await rejects(heartbeat(taskToken))).toMatchObject({ name: 'TaskTimedOut', status: 400 });
  });
});

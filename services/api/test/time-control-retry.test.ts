// Time control during a retry back-off, against the real engine: a failing task with a very long
// IntervalSeconds is retried at once when its timer is fired over REST. The history's shape here
// (a failed attempt as the last event of its chain) is what the console's timer-wait reads.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { settled, startHarness, type Harness } from './support/harness.js';

const role = 'arn:aws:iam::123456789012:role/test';
const FAILED_ATTEMPT = /^(Task|Activity|LambdaFunction)(Failed|TimedOut)$/;
const definition = JSON.stringify({
  StartAt: 'Call',
  States: {
    Call: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'stepwise-no-such-function', Payload: {} },
      Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 99_999_999, MaxAttempts: 1 }],
      End: true,
    },
  },
});

async function history(h: Harness, executionArn: string): Promise<HistoryEvent[]> {
  return (await h.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? [];
}

describe('fire-timer in a retry back-off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(inject('redisUrl'), { STEPWISE_TIME_SCALE: '3600' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('retries the failed attempt now', async () => {
    const { stateMachineArn } = await h.sfn.send(new CreateStateMachineCommand({ name: 'retrying', definition, roleArn: role }));
    const { executionArn } = await h.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
    const deadline = Date.now() + 5_000;
    let events: HistoryEvent[] = [];
    for (;;) {
      events = await history(h, executionArn!);
      if (events.some((e) => FAILED_ATTEMPT.test(e.type ?? ''))) break;
      if (Date.now() > deadline) throw new Error(`no failed attempt: ${events.map((e) => e.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    // In the back-off: the failed attempt has no event after it in its chain.
    const failed = events.find((e) => FAILED_ATTEMPT.test(e.type ?? ''))!;
    expect(events.some((e) => e.previousEventId === failed.id)).toBe(false);
    const res = await fetch(`${h.url}/v1/executions/${encodeURIComponent(executionArn!)}/fire-timer`, { method: 'POST' });
    expect(await res.json()).toEqual({ fired: true });
    const d = await settled(h, executionArn!);
    expect(d.status).toBe('FAILED');
    expect((await history(h, executionArn!)).filter((e) => FAILED_ATTEMPT.test(e.type ?? ''))).toHaveLength(2);
  });
});

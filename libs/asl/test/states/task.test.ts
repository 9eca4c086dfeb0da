import { describe, expect, it } from 'vitest';
import { runInMemory, StatesError } from '@stepwise/asl';

const task = (extra: Record<string, unknown> = {}) => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true, ...extra } },
});

describe('Task', () => {
  it('fails with States.TaskFailed and says how to add a handler when none serves the resource', async () => {
    const r = await runInMemory(task(), {});
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(r.cause).toContain("No handler serves the resource 'arn:aws:lambda:us-east-1:123456789012:function:f'");
    expect(r.cause).toContain('handlers');
  });

  it('finds handlers by exact resource, * wildcard or /regex/, and passes Parameters as input', async () => {
    const def = task({ Parameters: { 'n.$': '$.n' }, ResultSelector: { 'doubled.$': '$.v' }, ResultPath: '$.r' });
    for (const key of ['arn:aws:lambda:us-east-1:123456789012:function:f', 'arn:aws:lambda:*:function:*', '/function:f$/']) {
      const r = await runInMemory(def, { n: 2 }, { handlers: { [key]: (input) => ({ v: (input as { n: number }).n * 2 }) } });
      expect(r).toMatchObject({ status: 'SUCCEEDED', output: { n: 2, r: { doubled: 4 } } });
    }
  });

  it('a direct Lambda ARN writes LambdaFunction* events; an integration writes Task* events', async () => {
    const lambda = await runInMemory(task(), {}, { handlers: { '*': () => 1 } });
    expect(lambda.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const sdk = await runInMemory(
      { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:listBuckets', End: true } } },
      {},
      { handlers: { '*': () => ({ Buckets: [] }) } },
    );
    expect(sdk.events[2]).toMatchObject({
      type: 'TaskScheduled',
      taskScheduledEventDetails: { resourceType: 'aws-sdk:s3', resource: 'listBuckets', region: 'us-east-1', parameters: '{}' },
    });
  });

  it('retries a thrown error with back-off on the virtual clock, then catches it with ResultPath', async () => {
    let calls = 0;
    const r = await runInMemory(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'flaky',
            Retry: [{ ErrorEquals: ['Custom.Error'], IntervalSeconds: 10, MaxAttempts: 2, BackoffRate: 2 }],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Caught' }],
            End: true,
          },
          Caught: { Type: 'Pass', End: true },
        },
      },
      { a: 1 },
      {
        startTime: Date.UTC(2024, 0, 1),
        handlers: {
          flaky: () => {
            calls++;
            throw new StatesError('Custom.Error', `attempt ${calls}`);
          },
        },
      },
    );
    expect(calls).toBe(3);
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { a: 1, err: { Error: 'Custom.Error', Cause: 'attempt 3' } } });
    // 10 s then 20 s of back-off
    expect(r.events.at(-1)?.timestamp).toBe('2024-01-01T00:00:30.000Z');
    expect(r.events.filter((e) => e.type === 'TaskScheduled')).toHaveLength(3);
  });

  it('a handler error object with error/cause fields fails the task with them', async () => {
    const r = await runInMemory({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'x', End: true } } }, {}, {
      handlers: {
        x: () => {
          throw Object.assign(new Error('boom'), { error: 'Biz.Rejected' });
        },
      },
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Biz.Rejected', cause: 'boom' });
  });

  it('the taskHandler hook sees token, attempt and pattern, and may fall through to handlers', async () => {
    const seen: unknown[] = [];
    const r = await runInMemory(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: { 'TaskToken.$': '$$.Task.Token' },
            Next: 'U',
          },
          U: { Type: 'Task', Resource: 'other', End: true },
        },
      },
      {},
      {
        seed: 3,
        taskHandler: (req) => {
          seen.push({ resource: req.resource, pattern: req.pattern, attempt: req.attempt, token: req.taskToken !== undefined && req.taskToken === (req.input as { TaskToken?: string }).TaskToken });
          return req.resource === 'other' ? undefined : { kind: 'succeeded', output: { approved: true } };
        },
        handlers: { other: (input) => ({ got: input }) },
      },
    );
    expect(seen).toEqual([
      { resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', pattern: 'waitForTaskToken', attempt: 1, token: true },
      { resource: 'other', pattern: 'requestResponse', attempt: 1, token: false },
    ]);
    expect(r.output).toEqual({ got: { approved: true } });
  });

  it('a timed-out outcome fails with States.Timeout after TimeoutSeconds of virtual time', async () => {
    const r = await runInMemory({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'slow', TimeoutSeconds: 5, End: true } } }, {}, {
      startTime: Date.UTC(2024, 0, 1),
      taskHandler: () => ({ kind: 'timedOut' }),
    });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(r.events.map((e) => e.type)).toContain('TaskTimedOut');
    expect(r.events.at(-1)?.timestamp).toBe('2024-01-01T00:00:05.000Z');
  });

  it('a JSONata Task evaluates Arguments and Output with $states.result', async () => {
    const r = await runInMemory(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'T',
        States: { T: { Type: 'Task', Resource: 'sum', Arguments: { 'xs': '{% $states.input.xs %}' }, Output: { 'total': '{% $states.result %}' }, End: true } },
      },
      { xs: [1, 2, 3] },
      { handlers: { sum: (input) => (input as { xs: number[] }).xs.reduce((a, b) => a + b, 0) } },
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { total: 6 } });
  });
});

describe('Task payload limit', () => {
  it('a request above limits.payloadBytes fails with States.DataLimitExceeded before any handler runs', async () => {
    let called = false;
    const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'x', Parameters: { 'arr.$': 'States.ArrayRange(1, 100, 1)' }, End: true } } };
    const r = await runInMemory(def, {}, {
      limits: { payloadBytes: 200 },
      handlers: {
        x: () => {
          called = true;
          return 1;
        },
      },
    });
    expect(called).toBe(false);
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(r.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ExecutionFailed']);
  });
});

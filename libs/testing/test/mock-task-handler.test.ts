import { describe, expect, it } from 'vitest';
import { runCase, expectCase, parseMockConfig } from '@stepwise/testing';

const lambda = (name: string, next?: string) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: name, 'Payload.$': '$' },
  ...(next ? { Next: next } : { End: true }),
});

describe('mocked integrations in memory', () => {
  it('a state without a mock and without a handler fails; it is never called for real', async () => {
    const { observation } = await runCase({ definition: { StartAt: 'A', States: { A: lambda('f') } }, mocks: {} });
    expect(observation.status).toBe('FAILED');
    expect(observation.error).toBe('States.TaskFailed');
    expect(observation.cause).toContain("The state 'A' (arn:aws:states:::lambda:invoke) has no mocked response");
  });

  it('a retry past the last mocked attempt fails the execution with States.Runtime, even under a States.ALL Catch', async () => {
    const { observation } = await runCase({
      definition: {
        StartAt: 'A',
        States: {
          A: { ...lambda('f'), Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 5, IntervalSeconds: 1 }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] },
          Caught: { Type: 'Pass', End: true },
        },
      },
      mocks: { A: { '0-1': { Throw: { Error: 'Boom', Cause: 'boom' } } } },
    });
    expect(observation.status).toBe('FAILED');
    expect(observation.error).toBe('States.Runtime');
    expect(observation.cause).toContain('has no entry for attempt 2');
    expect(observation.output).toBeUndefined();
    expect(observation.taskCalls[2]!.outcome).toMatchObject({ ok: false, error: 'States.Runtime' });
  });

  it('states in Parallel branches and Map iterations are mocked by name; each iteration starts at attempt 0', async () => {
    const run = await expectCase({
      definition: {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Left', States: { Left: lambda('left') } },
              {
                StartAt: 'Each',
                States: {
                  Each: {
                    Type: 'Map',
                    ItemsPath: '$.items',
                    ItemProcessor: { StartAt: 'Item', States: { Item: { ...lambda('item'), Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }], ResultSelector: { 'v.$': '$.Payload' } } } },
                    End: true,
                  },
                },
              },
            ],
            End: true,
          },
        },
      },
      input: { items: [1, 2, 3] },
      mocks: {
        Left: { '0': { Return: { StatusCode: 200, Payload: 'L' } } },
        Item: { '0': { Throw: { Error: 'Flaky', Cause: 'first try' } }, '1': { Return: { StatusCode: 200, Payload: 'I' } } },
      },
      expect: { status: 'SUCCEEDED', output: [{ StatusCode: 200, Payload: 'L' }, [{ v: 'I' }, { v: 'I' }, { v: 'I' }]], attempts: { Item: 6, Left: 1 } },
    });
    expect(run.retries.filter((r) => r.state === 'Item')).toHaveLength(3);
  });

  it('a mocked .waitForTaskToken task completes at once with its mock', async () => {
    await expectCase({
      definition: {
        StartAt: 'Ask',
        States: {
          Ask: {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: { QueueUrl: 'q', 'MessageBody.$': '$$.Task.Token' },
            TimeoutSeconds: 3600,
            End: true,
          },
        },
      },
      mocks: { Ask: { '0': { Return: { approved: true } } } },
      expect: { status: 'SUCCEEDED', output: { approved: true }, taskInput: { Ask: { QueueUrl: 'q' } } },
    });
  });

  it('activities can be mocked', async () => {
    await expectCase({
      definition: { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:review', End: true } } },
      mocks: { Work: { '0': { Return: { reviewed: 'yes' } } } },
      expect: { status: 'SUCCEEDED', output: { reviewed: 'yes' } },
    });
  });

  it('a mocked Throw is caught by Catch on its error name', async () => {
    await expectCase({
      definition: {
        StartAt: 'A',
        States: {
          A: { ...lambda('f'), Catch: [{ ErrorEquals: ['Lambda.ServiceException'], Next: 'Fallback', ResultPath: '$.err' }] },
          Fallback: { Type: 'Pass', End: true },
        },
      },
      input: { x: 1 },
      mocks: { A: { '0': { Throw: { Error: 'Lambda.ServiceException', Cause: 'down' } } } },
      expect: { status: 'SUCCEEDED', output: { x: 1, err: { Error: 'Lambda.ServiceException', Cause: 'down' } }, path: ['A', 'Fallback'] },
    });
  });

  it('a test case from a MockConfigFile object, and a local handler for the unmocked state (hybrid)', async () => {
    const mockConfig = parseMockConfig({
      StateMachines: { M: { TestCases: { Hybrid: { A: 'Ok' } } } },
      MockedResponses: { Ok: { '0': { Return: { StatusCode: 200, Payload: { n: 1 } } } } },
    });
    const { observation, failures } = await runCase({
      definition: { StartAt: 'A', States: { A: { ...lambda('a', 'B'), OutputPath: '$.Payload' }, B: lambda('b') } },
      stateMachineName: 'M',
      mockConfig,
      testCase: 'Hybrid',
      handlers: { B: (p) => ({ echoed: p }) },
      expect: { status: 'SUCCEEDED', taskInput: { B: { Payload: { n: 1 } } } },
    });
    expect(failures).toEqual([]);
    expect(observation.taskCalls.map((c) => [c.stateName, c.mocked])).toEqual([
      ['A', true],
      ['B', false],
    ]);
  });
});

describe('time in memory', () => {
  it('a one-year Wait and retry back-offs pass on the virtual clock: history shows the time, the test does not wait', async () => {
    const { observation } = await runCase({
      definition: {
        StartAt: 'Sleep',
        States: {
          Sleep: { Type: 'Wait', Seconds: 31_536_000, Next: 'Call' },
          Call: { ...lambda('f'), Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 3600, MaxAttempts: 1 }] },
        },
      },
      mocks: { Call: { '0': { Throw: { Error: 'Busy', Cause: 'later' } }, '1': { Return: { StatusCode: 200, Payload: 'ok' } } } },
    });
    expect(observation.status).toBe('SUCCEEDED');
    const events = (observation as unknown as { result: { events: { type: string; timestamp: string }[] } }).result.events;
    const start = Date.parse(events[0]!.timestamp);
    const end = Date.parse(events[events.length - 1]!.timestamp);
    expect(end - start).toBe((31_536_000 + 3600) * 1000);
  });
});

describe('task tokens', () => {
  it('a nested $$.Task.Token in Parameters reaches the mocked task', async () => {
    await expectCase({
      definition: {
        StartAt: 'Ask',
        States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: 'q', MessageBody: { 'token.$': '$$.Task.Token' } }, End: true } },
      },
      mocks: { Ask: { '0': { Return: { approved: true } } } },
      expect: { status: 'SUCCEEDED', output: { approved: true } },
    });
  });
});

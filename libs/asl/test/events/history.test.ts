import { describe, expect, it } from 'vitest';
import { detailsField, runInMemory } from '@stepwise/asl';

const START = Date.UTC(2024, 0, 1);

describe('history events (AWS names and detail fields)', () => {
  it('names the details field after the type, with one field for all *StateEntered/*StateExited', () => {
    expect(detailsField('TaskScheduled')).toBe('taskScheduledEventDetails');
    expect(detailsField('MapIterationSucceeded')).toBe('mapIterationSucceededEventDetails');
    expect(detailsField('ParallelStateEntered')).toBe('stateEnteredEventDetails');
    expect(detailsField('WaitStateExited')).toBe('stateExitedEventDetails');
    expect(detailsField('EvaluationFailed')).toBe('evaluationFailedEventDetails');
  });

  it('writes ExecutionStarted, state and ExecutionSucceeded details as AWS does', async () => {
    const r = await runInMemory({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, { a: 1 }, { startTime: START, roleArn: 'arn:aws:iam::1:role/R' });
    expect(r.events).toEqual([
      {
        id: 1,
        previousEventId: 0,
        timestamp: '2024-01-01T00:00:00.000Z',
        type: 'ExecutionStarted',
        executionStartedEventDetails: { input: '{"a":1}', inputDetails: { truncated: false }, roleArn: 'arn:aws:iam::1:role/R' },
      },
      { id: 2, previousEventId: 1, timestamp: '2024-01-01T00:00:00.000Z', type: 'PassStateEntered', stateEnteredEventDetails: { name: 'P', input: '{"a":1}', inputDetails: { truncated: false } } },
      { id: 3, previousEventId: 2, timestamp: '2024-01-01T00:00:00.000Z', type: 'PassStateExited', stateExitedEventDetails: { name: 'P', output: '{"a":1}', outputDetails: { truncated: false } } },
      { id: 4, previousEventId: 3, timestamp: '2024-01-01T00:00:00.000Z', type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{"a":1}', outputDetails: { truncated: false } } },
    ]);
  });

  it('TaskScheduled carries resourceType, resource, region, parameters, timeouts and taskCredentials', async () => {
    const r = await runInMemory(
      {
        StartAt: 'T',
        States: {
          T: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'f' },
            Credentials: { RoleArn: 'arn:aws:iam::2:role/X' },
            TimeoutSeconds: 9,
            HeartbeatSeconds: 3,
            End: true,
          },
        },
      },
      {},
      { region: 'eu-west-1', handlers: { '*': () => ({ Payload: 1 }) } },
    );
    const scheduled = r.events.find((e) => e.type === 'TaskScheduled');
    expect(scheduled?.['taskScheduledEventDetails']).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'eu-west-1',
      parameters: '{"FunctionName":"f"}',
      timeoutInSeconds: 9,
      heartbeatInSeconds: 3,
      taskCredentials: { roleArn: 'arn:aws:iam::2:role/X' },
    });
    expect(r.events.find((e) => e.type === 'TaskSucceeded')?.['taskSucceededEventDetails']).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      output: '{"Payload":1}',
      outputDetails: { truncated: false },
    });
  });

  it('an activity gets a task token and writes Activity* events', async () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:activity:approve';
    let token: string | undefined;
    const r = await runInMemory({ StartAt: 'A', States: { A: { Type: 'Task', Resource: arn, End: true } } }, { x: 1 }, {
      handlers: {
        [arn]: (_input, info) => {
          token = info.taskToken;
          return { ok: true };
        },
      },
    });
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(r.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(r.events[2]?.['activityScheduledEventDetails']).toEqual({ resource: arn, input: '{"x":1}', inputDetails: { truncated: false } });
  });

  it('a JSONata failure writes EvaluationFailed with error, cause and state before ExecutionFailed', async () => {
    const r = await runInMemory({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $nope %}', End: true } } }, {});
    const ev = r.events.find((e) => e.type === 'EvaluationFailed');
    expect(ev?.['evaluationFailedEventDetails']).toEqual({
      error: 'States.QueryEvaluationError',
      cause: "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$nope' specified for the field 'Output' returned nothing (undefined).",
      state: 'P',
    });
    expect(r.events.at(-1)?.type).toBe('ExecutionFailed');
  });
});

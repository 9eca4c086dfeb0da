import { describe, expect, it } from 'vitest';
import { testState, TestStateError } from '@stepwise/testing';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const lambdaTask = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'f', 'Payload.$': '$.data' },
  ResultSelector: { 'body.$': '$.Payload.body' },
  ResultPath: '$.result',
  Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 }],
  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'HandleError', ResultPath: '$.error' }],
  Next: 'Done',
};

async function refused(p: Promise<unknown>): Promise<TestStateError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TestStateError) return e;
    throw e;
  }
  throw new Error('expected a TestStateError');
}

describe('TestState', () => {
  it('a Pass state: output and nextState at INFO, no inspectionData', async () => {
    const r = await testState({ definition: JSON.stringify({ Type: 'Pass', Parameters: { 'x.$': '$.a' }, Next: 'After' }), input: '{"a":1}' }, { now: NOW });
    expect(r).toEqual({ status: 'SUCCEEDED', output: '{"x":1}', nextState: 'After' });
  });

  it('a mocked Task at DEBUG shows the input after each processing step', async () => {
    const r = await testState(
      {
        definition: JSON.stringify(lambdaTask),
        input: '{"data":{"n":1}}',
        inspectionLevel: 'DEBUG',
        mock: { result: '{"StatusCode":200,"Payload":{"body":"hi"}}' },
      },
      { now: NOW },
    );
    expect(r.status).toBe('SUCCEEDED');
    expect(r.nextState).toBe('Done');
    expect(JSON.parse(r.output!)).toEqual({ data: { n: 1 }, result: { body: 'hi' } });
    expect(r.inspectionData).toEqual({
      input: '{"data":{"n":1}}',
      afterInputPath: '{"data":{"n":1}}',
      afterParameters: '{"FunctionName":"f","Payload":{"n":1}}',
      result: '{"StatusCode":200,"Payload":{"body":"hi"}}',
      afterResultSelector: '{"body":"hi"}',
      afterResultPath: '{"data":{"n":1},"result":{"body":"hi"}}',
      variables: '{}',
    });
  });

  it('a mocked error a Retrier handles is RETRIABLE with the back-off, counting retrierRetryCount', async () => {
    const base = { definition: JSON.stringify(lambdaTask), input: '{"data":{}}', inspectionLevel: 'DEBUG' as const, mock: { errorOutput: { error: 'Lambda.TooManyRequestsException', cause: 'slow down' } } };
    const first = await testState(base, { now: NOW });
    expect(first).toMatchObject({ status: 'RETRIABLE', error: 'Lambda.TooManyRequestsException', cause: 'slow down' });
    expect(first.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 2 });
    expect(first.output).toBeUndefined();
    const second = await testState({ ...base, stateConfiguration: { retrierRetryCount: 2 } }, { now: NOW });
    expect(second.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 18 });
    const exhausted = await testState({ ...base, stateConfiguration: { retrierRetryCount: 3 } }, { now: NOW });
    expect(exhausted.status).toBe('CAUGHT_ERROR');
  });

  it('a mocked error a Catcher handles is CAUGHT_ERROR with the catcher Next and its output', async () => {
    const r = await testState(
      { definition: JSON.stringify(lambdaTask), input: '{"data":{}}', inspectionLevel: 'DEBUG', mock: { errorOutput: { error: 'Lambda.ServiceException', cause: 'down' } } },
      { now: NOW },
    );
    expect(r).toMatchObject({ status: 'CAUGHT_ERROR', error: 'Lambda.ServiceException', cause: 'down', nextState: 'HandleError' });
    expect(JSON.parse(r.output!)).toEqual({ data: {}, error: { Error: 'Lambda.ServiceException', Cause: 'down' } });
    expect(r.inspectionData?.errorDetails).toEqual({ catchIndex: 0 });
  });

  it('an error nothing handles is FAILED', async () => {
    const r = await testState(
      { definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true }), mock: { errorOutput: { error: 'Boom', cause: 'bad' } } },
      { now: NOW },
    );
    expect(r).toEqual({ status: 'FAILED', error: 'Boom', cause: 'bad' });
  });

  it('a Choice gives the next state; no match fails with States.NoChoiceMatched', async () => {
    const choice = { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 5, Next: 'Big' }], Default: 'Small' };
    expect(await testState({ definition: JSON.stringify(choice), input: '{"n":9}' })).toEqual({ status: 'SUCCEEDED', output: '{"n":9}', nextState: 'Big' });
    const { Default: _d, ...noDefault } = choice;
    const r = await testState({ definition: JSON.stringify(noDefault), input: '{"n":1}' });
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('States.NoChoiceMatched');
  });

  it('a state of a whole machine by stateName, with variables and Assign (JSONata)', async () => {
    const machine = {
      QueryLanguage: 'JSONata',
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Next: 'Second' },
        Second: { Type: 'Pass', Assign: { total: '{% $total + $states.input.n %}' }, Output: '{% {"sum": $total + $states.input.n} %}', End: true },
      },
    };
    const r = await testState({ definition: JSON.stringify(machine), stateName: 'Second', input: '{"n":2}', variables: '{"total":40}', inspectionLevel: 'DEBUG' });
    expect(r.status).toBe('SUCCEEDED');
    expect(r.output).toBe('{"sum":42}');
    expect(r.nextState).toBeUndefined();
    expect(JSON.parse(r.inspectionData!.variables!)).toEqual({ total: 42 });
  });

  it('a JSONata Task: afterArguments, the raw result and Output', async () => {
    const r = await testState({
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: 'f', Payload: '{% $states.input.order %}' },
        Output: '{% $states.result.Payload.total %}',
        Next: 'Ship',
      }),
      input: '{"order":{"id":7}}',
      mock: { result: '{"StatusCode":200,"Payload":{"total":42}}' },
      inspectionLevel: 'TRACE',
    });
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: '42', nextState: 'Ship' });
    expect(r.inspectionData).toEqual({
      input: '{"order":{"id":7}}',
      afterArguments: '{"FunctionName":"f","Payload":{"id":7}}',
      result: '{"StatusCode":200,"Payload":{"total":42}}',
      variables: '{}',
    });
  });

  it('Wait, Succeed and Fail states: a Wait does not wait, Fail is FAILED with its error and cause', async () => {
    expect(await testState({ definition: JSON.stringify({ Type: 'Wait', Seconds: 3600, Next: 'N' }), input: '{"a":1}', inspectionLevel: 'DEBUG' })).toEqual({
      status: 'SUCCEEDED',
      output: '{"a":1}',
      nextState: 'N',
      inspectionData: { input: '{"a":1}', afterInputPath: '{"a":1}', variables: '{}' },
    });
    expect(await testState({ definition: JSON.stringify({ Type: 'Succeed' }), input: '{"a":1}' })).toEqual({ status: 'SUCCEEDED', output: '{"a":1}' });
    expect(await testState({ definition: JSON.stringify({ Type: 'Fail', Error: 'E', Cause: 'C' }) })).toEqual({ status: 'FAILED', error: 'E', cause: 'C' });
  });

  it('a mocked Map and Parallel take the mocked array as their result', async () => {
    const map = { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 2, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, ResultPath: '$.out', End: true };
    const r = await testState({ definition: JSON.stringify(map), input: '{"items":[1,2]}', mock: { result: '[10,20]' }, inspectionLevel: 'DEBUG' });
    expect(r.status).toBe('SUCCEEDED');
    expect(JSON.parse(r.output!)).toEqual({ items: [1, 2], out: [10, 20] });
    expect(r.inspectionData).toMatchObject({ afterItemsPath: '[1,2]', maxConcurrency: 2 });
    const failedMap = await testState({ definition: JSON.stringify({ ...map, ToleratedFailureCount: 1 }), input: '{"items":[1,2,3]}', mock: { result: '[1,2,3]' }, stateConfiguration: { mapIterationFailureCount: 2 } });
    expect(failedMap).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('the context object given with a mock is what $$ sees', async () => {
    const r = await testState({
      definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'exec.$': '$$.Execution.Name' }, ResultPath: null, OutputPath: '$', End: true }),
      context: '{"Execution":{"Name":"from-context"}}',
      mock: { result: '{}' },
      inspectionLevel: 'DEBUG',
    });
    expect(r.inspectionData?.afterParameters).toBe('{"exec":"from-context"}');
  });

  it('a Task without a mock uses the invoke option, or fails saying no integration is available', async () => {
    const def = JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::http:invoke', Parameters: { ApiEndpoint: 'https://x' }, End: true });
    const served = await testState({ definition: def }, { invoke: async (req) => ({ kind: 'succeeded', output: { got: req.input } }) });
    expect(served).toEqual({ status: 'SUCCEEDED', output: '{"got":{"ApiEndpoint":"https://x"}}' });
    expect((await testState({ definition: def })).status).toBe('FAILED');
  });

  it('fieldValidationMode checks a mocked result against the integration response model', async () => {
    const def = JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true });
    const bad = { result: '{"StatusCode":"200","Payload":{}}' };
    const e = await refused(testState({ definition: def, mock: bad }));
    expect(e.type).toBe('ValidationException');
    expect(e.message).toContain("Lambda Invoke response (fieldValidationMode STRICT): the field 'StatusCode' must be an integer");
    expect((await testState({ definition: def, mock: { ...bad, fieldValidationMode: 'NONE' } })).status).toBe('SUCCEEDED');
    const start = JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: 'arn' }, End: true });
    expect((await refused(testState({ definition: start, mock: { result: '{"executionArn":"arn:x"}' } }))).message).toContain("the required field 'startDate' is missing");
    expect((await testState({ definition: start, mock: { result: '{"executionArn":"arn:x"}', fieldValidationMode: 'PRESENT' } })).status).toBe('SUCCEEDED');
    expect((await testState({ definition: def, mock: { result: '{"StatusCode":200,"Payload":1,"SdkHttpMetadata":{}}' } })).status).toBe('SUCCEEDED');
  });

  it('refuses what AWS refuses, with AWS error names', async () => {
    const pass = JSON.stringify({ Type: 'Pass', End: true });
    expect((await refused(testState({ definition: pass, mock: { result: '1' } }))).type).toBe('ValidationException');
    expect((await refused(testState({ definition: pass, context: '{}' }))).type).toBe('ValidationException');
    expect((await refused(testState({ definition: '{not json' }))).type).toBe('InvalidDefinition');
    expect((await refused(testState({ definition: pass, input: 'nope' }))).type).toBe('InvalidExecutionInput');
    expect((await refused(testState({ definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true }) }))).message).toContain('A mock is required');
    expect((await refused(testState({ definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }), stateName: 'B' }))).message).toBe("State 'B' is not present in the state machine definition.");
    expect((await refused(testState({ definition: JSON.stringify({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true }), mock: { result: '1', errorOutput: { error: 'E' } } }))).type).toBe('ValidationException');
    expect((await refused(testState({ definition: JSON.stringify({ Type: 'Pass', Next: 3 }) }))).type).toBe('InvalidDefinition');
    expect((await refused(testState({ definition: pass, stateConfiguration: { mapItemReaderData: 'a,b' } }))).message).toContain('mapItemReaderData is not supported');
  });
});

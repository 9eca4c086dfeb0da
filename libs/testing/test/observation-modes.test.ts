// The runner observes cases from a history of values (nothing serialised, nothing parsed back);
// runObserved keeps AWS's text history. Both must observe the same run, and coverage must mark
// the same Choice rules, Retry and Catch paths from either.
import { describe, expect, it } from 'vitest';
import type { Json } from '@stepwise/asl';
import { coverageOf, inMemoryExecutor, recordRun, runObserved, type LoadedSuite, type MockTestCase, type RunObservation } from '@stepwise/testing';
import { parseMockConfig, selectTestCase } from '@stepwise/testing';

const definition: Json = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.n', NumericGreaterThan: 10, Next: 'Big' },
        { Variable: '$.n', NumericGreaterThan: 0, Next: 'Work' },
      ],
      Default: 'Work',
    },
    Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', Next: 'Work' },
    Work: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f', 'Payload.$': '$' },
      ResultPath: '$.work',
      Retry: [{ ErrorEquals: ['Slow'], MaxAttempts: 2, IntervalSeconds: 5 }],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recover' }],
      Next: 'Done',
    },
    Recover: { Type: 'Pass', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const mocks = (): MockTestCase =>
  selectTestCase(
    parseMockConfig({
      StateMachines: { M: { TestCases: { T: { Work: 'SlowThenBroken' } } } },
      MockedResponses: { SlowThenBroken: { '0': { Throw: { Error: 'Slow', Cause: 'wait' } }, '1': { Throw: { Error: 'Broken', Cause: 'no' } } } },
    }),
    'M',
    'T',
  );

function comparable(o: RunObservation): unknown {
  return {
    status: o.status,
    output: o.output,
    entered: o.entered,
    stateInputs: [...o.stateInputs],
    taskCalls: o.taskCalls,
    retries: o.retries,
    uncaught: o.uncaught,
    transitions: o.transitions.map(({ inputText, input, ...t }) => ({ ...t, input: input !== undefined ? input : inputText === undefined ? undefined : (JSON.parse(inputText) as Json) })),
  };
}

describe('observations from a history of values', () => {
  it('match the observation of the full history, and give the same coverage', async () => {
    const input = { n: 12, text: 'ü "q"' };
    const full = await runObserved(definition, input, { stateMachineName: 'M', mocks: mocks() });
    expect(full.result.events.length).toBeGreaterThan(10);
    expect(typeof full.result.events[0]?.['executionStartedEventDetails']?.['input']).toBe('string');
    const suite: LoadedSuite = { file: 'x', stateMachineName: 'M', definition, cases: [] };
    const light = await inMemoryExecutor().run(suite, { name: 'c', input, mocks: mocks(), expect: {}, skip: false, only: false });
    expect(light).not.toHaveProperty('result');
    expect(comparable(light)).toEqual(comparable(full));
    expect(full.entered).toEqual(['Check', 'Big', 'Work', 'Recover', 'Done']);
    expect(full.retries).toEqual([{ state: 'Work', error: 'Slow' }]);

    const a = coverageOf('M', definition);
    const b = coverageOf('M', definition);
    recordRun(a, full);
    recordRun(b, light);
    expect(b.items).toEqual(a.items);
    // the first Choice rule counts (n > 10), not the second one that leads to Work too
    expect(a.items.filter((i) => i.kind === 'choiceRule').map((i) => i.hits)).toEqual([1, 0, 0]);
    expect(a.items.find((i) => i.kind === 'retry')?.hits).toBe(1);
    expect(a.items.find((i) => i.kind === 'catch')?.hits).toBe(1);
  });
});

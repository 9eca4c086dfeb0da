import { describe, expect, it } from 'vitest';
import { coverageOf, observeHistory, recordRun, summarizeCoverage, coverageTable, belowThreshold, errorMatches } from '@stepwise/testing';

// A history as AWS writes it: Choice → Task (fails, retried, fails, caught) → Fallback; events chained by previousEventId.
const history = [
  { id: 1, previousEventId: 0, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{"n":1}' } },
  { id: 2, previousEventId: 1, type: 'ChoiceStateEntered', stateEnteredEventDetails: { name: 'Route', input: '{"n":1}' } },
  { id: 3, previousEventId: 2, type: 'ChoiceStateExited', stateExitedEventDetails: { name: 'Route', output: '{"n":1}' } },
  { id: 4, previousEventId: 3, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Work', input: '{"n":1}' } },
  { id: 5, previousEventId: 4, type: 'TaskScheduled', taskScheduledEventDetails: { resource: 'invoke' } },
  { id: 6, previousEventId: 5, type: 'TaskFailed', taskFailedEventDetails: { error: 'Busy', cause: 'x' } },
  { id: 7, previousEventId: 6, type: 'TaskScheduled', taskScheduledEventDetails: { resource: 'invoke' } },
  { id: 8, previousEventId: 7, type: 'TaskFailed', taskFailedEventDetails: { error: 'Broken', cause: 'y' } },
  { id: 9, previousEventId: 8, type: 'TaskStateExited', stateExitedEventDetails: { name: 'Work', output: '{}' } },
  { id: 10, previousEventId: 9, type: 'PassStateEntered', stateEnteredEventDetails: { name: 'Fallback', input: '{}' } },
  { id: 11, previousEventId: 10, type: 'PassStateExited', stateExitedEventDetails: { name: 'Fallback', output: '{}' } },
  { id: 12, previousEventId: 11, type: 'ExecutionSucceeded', executionSucceededEventDetails: { output: '{}' } },
];

const definition = {
  StartAt: 'Route',
  States: {
    Route: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'Work' }, { Variable: '$.n', NumericEquals: 2, Next: 'Done' }], Default: 'Done' },
    Work: {
      Type: 'Task',
      Resource: 'invoke',
      Retry: [{ ErrorEquals: ['Busy'] }, { ErrorEquals: ['States.ALL'] }],
      Catch: [{ ErrorEquals: ['Other'], Next: 'Done' }, { ErrorEquals: ['States.ALL'], Next: 'Fallback' }],
      Next: 'Done',
    },
    Fallback: { Type: 'Pass', Next: 'Done' },
    Fan: { Type: 'Parallel', Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Succeed' } } }], Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('history observation', () => {
  const seen = observeHistory(history);

  it('lists states entered in order with their inputs', () => {
    expect(seen.entered).toEqual(['Route', 'Work', 'Fallback']);
    expect(seen.stateInputs.get('Work')).toEqual([{ n: 1 }]);
  });

  it('sees the retry and the caught error as a transition', () => {
    expect(seen.retries).toEqual([{ state: 'Work', error: 'Busy' }]);
    expect(seen.transitions).toEqual([
      { from: 'Route', to: 'Work', inputText: '{"n":1}' },
      { from: 'Work', to: 'Fallback', error: 'Broken', inputText: '{"n":1}' },
    ]);
    expect(seen.uncaught).toEqual([]);
  });

  it('a failure with no retry and no exit is uncaught', () => {
    const executionFailed = { id: 7, previousEventId: 6, type: 'ExecutionFailed', executionFailedEventDetails: { error: 'Busy' } };
    const failed = observeHistory([...history.slice(0, 6), executionFailed]);
    expect(failed.uncaught).toEqual([{ state: 'Work', error: 'Busy' }]);
  });
});

describe('coverage', () => {
  it('enumerates states (branches included), Choice rules with Default, Retry and Catch', () => {
    const cov = coverageOf('M', definition);
    const s = summarizeCoverage(cov);
    expect(s.states.total).toBe(6);
    expect(s.choiceRules.total).toBe(3);
    expect(s.retries.total).toBe(2);
    expect(s.catches.total).toBe(2);
  });

  it('marks what a run exercised and lists the rest', () => {
    const cov = coverageOf('M', definition);
    recordRun(cov, observeHistory(history));
    const s = summarizeCoverage(cov);
    expect(s.states).toEqual({ covered: 3, total: 6, percent: 50 });
    expect(s.choiceRules.covered).toBe(1);
    expect(s.retries.covered).toBe(1);
    expect(s.catches.covered).toBe(1);
    expect(s.uncovered).toContain('Work Catch[0] ["Other"] → Done');
    expect(s.uncovered).toContain('Route Default → Done');
    expect(s.uncovered).toContain('Work Retry[1] ["States.ALL"]');
    expect(s.all).toEqual({ covered: 6, total: 13, percent: 46.2 });
    expect(belowThreshold([s], 50)).toHaveLength(1);
    expect(belowThreshold([s], 40)).toHaveLength(0);
    const table = coverageTable([s]);
    expect(table).toContain('| M             | 3/6 (50%) | 1/3 (33.3%)');
  });

  it('tells which of two Choice rules with the same Next matched, by evaluating the rules on the recorded input', () => {
    const def = {
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', InputPath: '$.in', Choices: [{ Variable: '$.v', NumericLessThan: 0, Next: 'A' }, { Variable: '$.v', NumericGreaterThan: 100, Next: 'A' }], Default: 'B' },
        A: { Type: 'Succeed' },
        B: { Type: 'Succeed' },
      },
    };
    const cov = coverageOf('C', def);
    recordRun(cov, { entered: ['C', 'A'], retries: [], transitions: [{ from: 'C', to: 'A', inputText: '{"in":{"v":500}}' }] });
    expect(cov.items.filter((i) => i.kind === 'choiceRule').map((i) => [i.index, i.hits])).toEqual([
      [0, 0],
      [1, 1],
      ['Default', 0],
    ]);
    expect(JSON.stringify(cov)).not.toContain('NumericLessThan');
  });

  it('matches errors as Retry and Catch do', () => {
    expect(errorMatches(['States.ALL'], 'Anything')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
  });
});

describe('task calls from history (runs on a server)', () => {
  it('lists each attempt with its parameters, attempt number and outcome', () => {
    const events = [
      { id: 1, previousEventId: 0, type: 'ExecutionStarted' },
      { id: 2, previousEventId: 1, type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Work', input: '{}' } },
      { id: 3, previousEventId: 2, type: 'TaskScheduled', taskScheduledEventDetails: { resource: 'invoke', parameters: '{"a":1}' } },
      { id: 4, previousEventId: 3, type: 'TaskStarted', taskStartedEventDetails: { resource: 'invoke' } },
      { id: 5, previousEventId: 4, type: 'TaskFailed', taskFailedEventDetails: { error: 'Busy', cause: 'x' } },
      { id: 6, previousEventId: 5, type: 'TaskScheduled', taskScheduledEventDetails: { resource: 'invoke', parameters: '{"a":1}' } },
      { id: 7, previousEventId: 6, type: 'TaskStarted', taskStartedEventDetails: { resource: 'invoke' } },
      { id: 8, previousEventId: 7, type: 'TaskSucceeded', taskSucceededEventDetails: { output: '{"ok":true}' } },
      { id: 9, previousEventId: 8, type: 'TaskStateExited', stateExitedEventDetails: { name: 'Work', output: '{"ok":true}' } },
    ];
    expect(observeHistory(events).taskCalls).toEqual([
      { stateName: 'Work', resource: 'invoke', attempt: 0, input: { a: 1 }, mocked: false, outcome: { ok: false, error: 'Busy', cause: 'x' } },
      { stateName: 'Work', resource: 'invoke', attempt: 1, input: { a: 1 }, mocked: false, outcome: { ok: true, output: { ok: true } } },
    ]);
  });
});

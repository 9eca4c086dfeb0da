import { describe, expect, it } from 'vitest';
import { checkExpectations, firstDifference, firstSubsetDifference, type RunObservation } from '@stepwise/testing';

const run: RunObservation = {
  status: 'SUCCEEDED',
  output: { order: { id: 7, items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] }, ok: true },
  entered: ['Validate', 'Charge', 'Charge', 'Ship'],
  stateInputs: new Map([['Charge', [{ amount: 10, currency: 'EUR' }]]]),
  taskCalls: [
    { stateName: 'Charge', resource: 'arn:aws:states:::lambda:invoke', attempt: 0, input: { FunctionName: 'charge', Payload: { amount: 10 } }, mocked: true, outcome: { ok: false, error: 'Lambda.TooManyRequestsException', cause: 'slow down' } },
    { stateName: 'Charge', resource: 'arn:aws:states:::lambda:invoke', attempt: 1, input: { FunctionName: 'charge', Payload: { amount: 10 } }, mocked: true, outcome: { ok: true, output: {} } },
  ],
  transitions: [],
  retries: [],
  uncaught: [],
  durationMs: 1,
};

describe('first difference', () => {
  it('names the path and both values of the first difference', () => {
    expect(firstDifference({ a: { b: [1, 2, 3] } }, { a: { b: [1, 5, 3] } })?.message).toBe('$.a.b[1]: expected 2, got 5');
  });
  it('reports an unexpected key in exact mode but not in subset mode', () => {
    expect(firstDifference({ a: 1 }, { a: 1, b: 2 })?.message).toBe('$.b is not expected');
    expect(firstSubsetDifference({ a: 1 }, { a: 1, b: 2 })).toBeUndefined();
  });
  it('reports a missing key and a length mismatch', () => {
    expect(firstSubsetDifference({ a: { c: 1 } }, { a: {} })?.message).toBe('$.a.c is missing');
    expect(firstDifference([1], [1, 2])?.message).toBe('$ has 2 elements, expected 1');
  });
  it('quotes keys that are not identifiers', () => {
    expect(firstDifference({ 'a-b': 1 }, { 'a-b': 2 })?.path).toBe('$["a-b"]');
  });
  it('key order does not matter', () => {
    expect(firstDifference({ a: 1, b: 2 }, { b: 2, a: 1 })).toBeUndefined();
  });
});

describe('expectations', () => {
  it('all matching expectations pass', () => {
    expect(
      checkExpectations(
        {
          status: 'SUCCEEDED',
          outputIncludes: { order: { id: 7 } },
          visited: ['Validate', 'Ship'],
          path: ['Validate', 'Charge', 'Charge', 'Ship'],
          notVisited: ['Refund'],
          stateInput: { Charge: { amount: 10 } },
          taskInput: { Charge: { Payload: { amount: 10 } } },
          attempts: { Charge: 2 },
        },
        run,
      ),
    ).toEqual([]);
  });

  it('status mismatch shows the error and cause of a failed run', () => {
    const failed: RunObservation = { ...run, status: 'FAILED', error: 'States.TaskFailed', cause: 'boom' };
    expect(checkExpectations({ status: 'SUCCEEDED' }, failed)).toEqual([
      { expectation: 'status', message: 'expected status SUCCEEDED, got FAILED (States.TaskFailed: boom)' },
    ]);
  });

  it('output prints the first difference', () => {
    const [f] = checkExpectations({ output: { order: { id: 8, items: [] }, ok: true } }, run);
    expect(f).toEqual({ expectation: 'output', message: 'output differs at $.order.id: expected 8, got 7' });
  });

  it('states visited in order: an out-of-order state fails and says so', () => {
    const [f] = checkExpectations({ visited: ['Ship', 'Charge'] }, run);
    expect(f!.message).toContain("expected 'Charge' to be entered after 'Ship' (it was entered, but earlier)");
  });

  it('not visited, attempts, parameters and error/cause each fail with their own line', () => {
    const failures = checkExpectations(
      { notVisited: ['Charge'], attempts: { Charge: 3 }, taskInput: { Charge: { FunctionName: 'refund' } }, error: 'X', causeIncludes: 'nope' },
      run,
    );
    expect(failures.map((f) => f.expectation)).toEqual(['error', 'causeIncludes', 'notVisited', 'taskInput.Charge', 'attempts.Charge']);
    expect(failures[3]!.message).toBe(`the parameters 'Charge' received differ at $.FunctionName: expected "refund", got "charge"`);
    expect(failures[4]!.message).toBe("expected 3 attempts of 'Charge', got 2");
  });

  it('path reports the first step that differs', () => {
    const [f] = checkExpectations({ path: ['Validate', 'Charge', 'Ship'] }, run);
    expect(f!.message).toMatch(/^the path differs at step 3: expected "Ship", got "Charge"/);
  });
});

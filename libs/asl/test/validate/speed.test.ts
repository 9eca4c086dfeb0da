// How long validating a 50-state definition takes. Reported, not asserted (speed is measured
// for real in bench/); the test still checks the definition is valid so it cannot pass vacuously.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/validate.js';

/** 50 states mixing every type, paths, intrinsics, Retry/Catch, a Choice and a Map. */
function fiftyStates(): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < 44; i++) {
    const next = `S${i + 1}`;
    states[`S${i}`] =
      i % 4 === 0
        ? {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { 'FunctionName.$': '$.fn', Payload: { 'id.$': "States.Format('item-{}', $.id)", 'ctx.$': '$$.Execution.Id' } },
            ResultSelector: { 'body.$': '$.Payload' },
            ResultPath: '$.result',
            TimeoutSeconds: 30,
            HeartbeatSeconds: 10,
            Retry: [{ ErrorEquals: ['Lambda.ServiceException'], MaxAttempts: 3, BackoffRate: 2 }, { ErrorEquals: ['States.ALL'] }],
            Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed', ResultPath: '$.error' }],
            Next: next,
          }
        : i % 4 === 1
          ? { Type: 'Pass', Parameters: { 'a.$': '$.a', b: [1, 2, 3] }, Assign: { 'count.$': '$.n' }, Next: next }
          : i % 4 === 2
            ? { Type: 'Wait', SecondsPath: '$.delay', Next: next }
            : { Type: 'Pass', InputPath: '$.x', OutputPath: '$', ResultPath: '$.y', Next: next };
  }
  states['S44'] = {
    Type: 'Choice',
    Choices: [
      { And: [{ Variable: '$.a', NumericGreaterThan: 1 }, { Variable: '$.t', TimestampLessThan: '2030-01-01T00:00:00Z' }], Next: 'Fan' },
      { Variable: '$.s', StringEquals: 'x', Next: 'Done' },
    ],
    Default: 'Failed',
  };
  states['Fan'] = {
    Type: 'Map',
    ItemsPath: '$.items',
    ItemSelector: { 'v.$': '$$.Map.Item.Value' },
    MaxConcurrency: 5,
    ItemProcessor: { StartAt: 'Inner', States: { Inner: { Type: 'Pass', End: true } } },
    Next: 'Par',
  };
  states['Par'] = {
    Type: 'Parallel',
    Branches: [{ StartAt: 'B1', States: { B1: { Type: 'Succeed' } } }],
    Next: 'Done',
  };
  states['Done'] = { Type: 'Succeed' };
  states['Failed'] = { Type: 'Fail', Error: 'E', Cause: 'C' };
  return { StartAt: 'S0', States: states };
}

describe('validation speed', () => {
  it('validates a 50-state definition well under a millisecond (reported)', () => {
    const def = fiftyStates();
    expect(validateDefinition(def).filter((d) => d.severity === 'ERROR')).toEqual([]);
    for (let i = 0; i < 200; i++) validateDefinition(def);
    const runs = 2000;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) validateDefinition(def);
    const perRun = (performance.now() - t0) / runs;
    console.log(`validateDefinition: ${(perRun * 1000).toFixed(1)} µs per 50-state definition (${runs} runs)`);
  });
});

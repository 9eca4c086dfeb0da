import { describe, expect, it } from 'vitest';
import { runInMemory } from '@stepwise/asl';

describe('Choice, Wait, Succeed, Fail', () => {
  it('Choice without a match and without Default fails with States.NoChoiceMatched', async () => {
    const r = await runInMemory(
      { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: 1, Next: 'E' }] }, E: { Type: 'Succeed' } } },
      { a: 2 },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
    expect(r.cause).toContain("executing the state 'C' (entered at the event id #2)");
  });

  it('JSONata Choice: Condition picks the rule; the rule Output shapes the state output', async () => {
    const r = await runInMemory(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.n > 1 %}', Output: { big: true }, Next: 'E' }], Default: 'E' },
          E: { Type: 'Succeed' },
        },
      },
      { n: 2 },
    );
    expect(r.output).toEqual({ big: true });
  });

  it('Choice: the state-level Assign applies whichever rule matched, the rule Assign on top', async () => {
    const r = await runInMemory(
      {
        StartAt: 'C',
        States: {
          C: {
            Type: 'Choice',
            Assign: { always: 1, which: 'state' },
            Choices: [{ Variable: '$.n', NumericEquals: 1, Assign: { which: 'rule' }, Next: 'E' }],
            Default: 'E',
          },
          E: { Type: 'Pass', Parameters: { 'always.$': '$always', 'which.$': '$which' }, End: true },
        },
      },
      { n: 1 },
    );
    expect(r.output).toEqual({ always: 1, which: 'rule' });
  });

  it('Wait SecondsPath rejects negative and fractional values with AWS text', async () => {
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } };
    expect((await runInMemory(def, { s: -1 })).cause).toBe(
      "An error occurred while executing the state 'W' (entered at the event id #2). The SecondsPath parameter references a negative value: $.s == -1",
    );
    expect((await runInMemory(def, { s: 1.5 })).cause).toContain('cannot be parsed as a long value: $.s == 1.5');
  });

  it('Wait on a past Timestamp does not block; a future one advances the virtual clock to it', async () => {
    const start = Date.UTC(2024, 0, 1);
    const past = await runInMemory({ StartAt: 'W', States: { W: { Type: 'Wait', Timestamp: '2020-01-01T00:00:00Z', End: true } } }, {}, { startTime: start });
    expect(past.events.at(-1)?.timestamp).toBe('2024-01-01T00:00:00.000Z');
    const future = await runInMemory({ StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.t', End: true } } }, { t: '2024-03-01T12:00:00+01:00' }, { startTime: start });
    expect(future.events.at(-1)?.timestamp).toBe('2024-03-01T11:00:00.000Z');
  });

  it('Fail with ErrorPath/CausePath reads them from the input; Succeed applies OutputPath', async () => {
    const f = await runInMemory({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.e', CausePath: '$.c' } } }, { e: 'E1', c: 'C1' });
    expect(f).toMatchObject({ status: 'FAILED', error: 'E1', cause: 'C1' });
    expect(f.events.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'E1', cause: 'C1' } });
    const s = await runInMemory({ StartAt: 'S', States: { S: { Type: 'Succeed', InputPath: '$.a', OutputPath: '$.b' } } }, { a: { b: 3 } });
    expect(s.output).toBe(3);
  });

  it('a Fail without Error or Cause leaves both out', async () => {
    const f = await runInMemory({ StartAt: 'F', States: { F: { Type: 'Fail' } } }, {});
    expect(f.status).toBe('FAILED');
    expect(f.error).toBeUndefined();
    expect(f.events.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: {} });
  });

  it('InputPath that matches nothing fails with States.Runtime', async () => {
    const r = await runInMemory({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.missing', End: true } } }, {});
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(r.cause).toContain("Invalid path '$.missing'");
  });
});

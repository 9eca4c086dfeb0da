import { describe, expect, it } from 'vitest';
import { runInMemory } from '@stepwise/asl';

const START = Date.UTC(2024, 0, 1);

describe('runInMemory', () => {
  it('returns InvalidDefinition data for a bad definition instead of throwing', async () => {
    const r = await runInMemory({ StartAt: 'Missing', States: {} }, {});
    expect(r.status).toBe('FAILED');
    expect(r.error).toBe('InvalidDefinition');
    expect(r.cause).toMatch(/^Invalid State Machine Definition: /);
    expect(r.events).toEqual([]);
  });

  it('returns a States.Runtime failure for input text that is not JSON', async () => {
    const r = await runInMemory({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, '{nope');
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(r.cause).toContain('not valid JSON');
  });

  it('a one-day Wait runs at once on the virtual clock, and timestamps advance by a day', async () => {
    const t0 = Date.now();
    const r = await runInMemory({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 86400, End: true } } }, { a: 1 }, { startTime: START });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { a: 1 } });
    expect(r.events[0]?.timestamp).toBe('2024-01-01T00:00:00.000Z');
    expect(r.events.at(-1)?.timestamp).toBe('2024-01-02T00:00:00.000Z');
  });

  it('TimeoutSeconds of the machine ends a long wait with TIMED_OUT and ExecutionTimedOut', async () => {
    const r = await runInMemory({ TimeoutSeconds: 10, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }, {}, { startTime: START });
    expect(r.status).toBe('TIMED_OUT');
    expect(r.events.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionTimedOut']);
    expect(r.events.at(-1)?.timestamp).toBe('2024-01-01T00:00:10.000Z');
  });

  it('the maxSteps guard stops an endless loop with a States.Runtime failure', async () => {
    const r = await runInMemory(
      {
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', Seconds: 1, Next: 'C' },
          C: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'E' }], Default: 'W' },
          E: { Type: 'Succeed' },
        },
      },
      {},
      { maxSteps: 50 },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(r.cause).toContain('maxSteps');
  });

  it('an output above limits.payloadBytes fails with States.DataLimitExceeded, which States.ALL does not catch', async () => {
    const r = await runInMemory(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'big', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C' }], End: true },
          C: { Type: 'Pass', End: true },
        },
      },
      {},
      { handlers: { big: () => 'x'.repeat(200) }, limits: { payloadBytes: 100 } },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('the same seed gives the same UUIDs and the same history', async () => {
    const def = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()' }, End: true } } };
    const a = await runInMemory(def, {}, { seed: 42, startTime: START, executionName: 'x' });
    const b = await runInMemory(def, {}, { seed: 42, startTime: START, executionName: 'x' });
    expect(a.output).toEqual(b.output);
    expect(a.events).toEqual(b.events);
  });

  it('$$ shows the execution identity given in the options', async () => {
    const r = await runInMemory(
      { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'id.$': '$$.Execution.Id', 'sm.$': '$$.StateMachine.Name', 'in.$': '$$.Execution.Input' }, End: true } } },
      { q: 1 },
      { executionName: 'run-1', stateMachineName: 'Orders', region: 'eu-west-1', accountId: '111122223333' },
    );
    expect(r.output).toEqual({ id: 'arn:aws:states:eu-west-1:111122223333:execution:Orders:run-1', sm: 'Orders', in: { q: 1 } });
  });
});

describe('history limit', () => {
  it('an execution that reaches limits.historyEvents fails with States.Runtime', async () => {
    const r = await runInMemory(
      {
        StartAt: 'C',
        States: {
          C: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'E' }], Default: 'P' },
          P: { Type: 'Pass', Next: 'C' },
          E: { Type: 'Succeed' },
        },
      },
      {},
      { limits: { historyEvents: 50 } },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.Runtime', cause: 'The execution reached the maximum number of history events (50).' });
    expect(r.events.length).toBeLessThanOrEqual(53);
    expect(r.events.at(-1)?.type).toBe('ExecutionFailed');
  });
});

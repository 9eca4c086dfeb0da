import { describe, expect, it } from 'vitest';
import { runInMemory } from '@stepwise/asl';

describe('Assign', () => {
  it('JSONata: Assign and Output of one state both see the variables as they were on entry', async () => {
    const r = await runInMemory(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Assign: { n: 1 }, Next: 'B' },
          B: { Type: 'Pass', Assign: { n: '{% $n + 1 %}', old: '{% $n %}' }, Output: { seen: '{% $n %}' }, Next: 'C' },
          C: { Type: 'Pass', Output: { n: '{% $n %}', old: '{% $old %}' }, End: true },
        },
      },
      {},
    );
    expect(r.events.find((e) => e.type === 'PassStateExited' && (e['stateExitedEventDetails'] as { name: string }).name === 'B')?.['stateExitedEventDetails']).toEqual({
      name: 'B',
      output: '{"seen":1}',
      outputDetails: { truncated: false },
      assignedVariables: { n: '2', old: '1' },
      assignedVariablesDetails: { truncated: false },
    });
    expect(r.output).toEqual({ n: 2, old: 1 });
  });

  it('JSONPath: $ in Assign is the state result, and variables are readable as $name', async () => {
    const r = await runInMemory(
      {
        StartAt: 'A',
        States: {
          A: { Type: 'Pass', Result: { v: 5 }, ResultPath: '$.r', Assign: { 'got.$': '$.v' }, Next: 'B' },
          B: { Type: 'Pass', Parameters: { 'got.$': '$got' }, End: true },
        },
      },
      {},
    );
    expect(r.output).toEqual({ got: 5 });
  });

  it('a Map iteration reads outer variables but its assignments do not leak out', async () => {
    const r = await runInMemory(
      {
        StartAt: 'Set',
        States: {
          Set: { Type: 'Pass', Assign: { base: 10 }, Next: 'M' },
          M: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'In',
              States: {
                In: { Type: 'Pass', Assign: { local: 1 }, Next: 'Use' },
                Use: { Type: 'Pass', Parameters: { 'b.$': '$base', 'l.$': '$local' }, End: true },
              },
            },
            Next: 'After',
          },
          After: { Type: 'Pass', Parameters: { 'b.$': '$base', 'list.$': '$' }, End: true },
        },
      },
      [1, 2],
    );
    expect(r.output).toEqual({ b: 10, list: [{ b: 10, l: 1 }, { b: 10, l: 1 }] });
  });

  it('a Catcher may Assign from the error output', async () => {
    const r = await runInMemory(
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'nothing', Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'why.$': '$.Error' }, Next: 'N' }], End: true },
          N: { Type: 'Pass', Parameters: { 'why.$': '$why' }, End: true },
        },
      },
      {},
    );
    expect(r.output).toEqual({ why: 'States.TaskFailed' });
  });
});

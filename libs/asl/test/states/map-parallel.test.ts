import { describe, expect, it } from 'vitest';
import { runInMemory } from '@stepwise/asl';

const failOdd = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.odd', BooleanEquals: true, Next: 'Boom' }], Default: 'Ok' },
    Boom: { Type: 'Fail', Error: 'Odd', Cause: 'odd item' },
    Ok: { Type: 'Pass', End: true },
  },
};

function items(n: number): Array<{ odd: boolean; i: number }> {
  return Array.from({ length: n }, (_, i) => ({ odd: i % 2 === 1, i }));
}

describe('Map', () => {
  it('ItemSelector sees $$.Map.Item and the result pipeline applies to the array', async () => {
    const r = await runInMemory(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemsPath: '$.xs',
            ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index', 'k.$': '$.k' },
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            ResultPath: '$.out',
            End: true,
          },
        },
      },
      { xs: ['a', 'b'], k: 1 },
    );
    expect(r.output).toEqual({ xs: ['a', 'b'], k: 1, out: [{ v: 'a', i: 0, k: 1 }, { v: 'b', i: 1, k: 1 }] });
    expect(r.events.find((e) => e.type === 'MapStateStarted')?.['mapStateStartedEventDetails']).toEqual({ length: 2 });
  });

  it('a failing iteration fails the Map with its error and stops the later iterations', async () => {
    const r = await runInMemory({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: failOdd, End: true } } }, items(5));
    expect(r).toMatchObject({ status: 'FAILED', error: 'Odd', cause: 'odd item' });
    expect(r.events.filter((e) => e.type === 'MapIterationStarted')).toHaveLength(2);
    expect(r.events.map((e) => e.type).slice(-3)).toEqual(['MapIterationFailed', 'MapStateFailed', 'ExecutionFailed']);
  });

  it('ToleratedFailureCount lets failures through up to the threshold', async () => {
    const ok = await runInMemory({ StartAt: 'M', States: { M: { Type: 'Map', ToleratedFailureCount: 2, ItemProcessor: failOdd, End: true } } }, items(4));
    expect(ok.status).toBe('SUCCEEDED');
    expect((ok.output as unknown[])[1]).toEqual({ Error: 'Odd', Cause: 'odd item' });
    const over = await runInMemory({ StartAt: 'M', States: { M: { Type: 'Map', ToleratedFailurePercentage: 20, ItemProcessor: failOdd, End: true } } }, items(4));
    expect(over).toMatchObject({ status: 'FAILED', error: 'States.ExceedToleratedFailureThreshold' });
  });

  it('ItemBatcher groups items into {Items} batches with BatchInput', async () => {
    const r = await runInMemory(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { tag: 't' } },
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      [1, 2, 3],
    );
    expect(r.output).toEqual([
      { BatchInput: { tag: 't' }, Items: [1, 2] },
      { BatchInput: { tag: 't' }, Items: [3] },
    ]);
    // DISTRIBUTED: iterations are child executions, not events of this history
    expect(r.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunSucceeded',
      'MapStateSucceeded',
      'MapStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('ItemReader fails clearly: reading items from S3 is out of scope', async () => {
    const r = await runInMemory(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', Key: 'k' } },
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      {},
    );
    expect(r.status).toBe('FAILED');
    expect(r.cause).toContain('ItemReader is not supported');
  });

  it('ResultWriter fails clearly too', async () => {
    const r = await runInMemory(
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      [1],
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.ResultWriterFailed' });
    expect(r.cause).toContain('ResultWriter is not supported');
  });

  it('Map input that is not an array fails with AWS text', async () => {
    const r = await runInMemory({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: failOdd, End: true } } }, { a: 1 });
    expect(r.status).toBe('FAILED');
    expect(r.cause).toContain("Map state input must be an array but was: {\"a\":1}");
  });
});

describe('Parallel', () => {
  it('children read outer variables; their own Assign stays inside the branch', async () => {
    const r = await runInMemory(
      {
        StartAt: 'Set',
        States: {
          Set: { Type: 'Pass', Assign: { x: 1 }, Next: 'Fan' },
          Fan: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'B',
                States: {
                  B: { Type: 'Pass', Assign: { y: 2 }, Next: 'B2' },
                  B2: { Type: 'Pass', Parameters: { 'x.$': '$x', 'y.$': '$y' }, End: true },
                },
              },
            ],
            Next: 'After',
          },
          After: { Type: 'Pass', Parameters: { 'x.$': '$x' }, End: true },
        },
      },
      {},
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { x: 1 } });
    const inner = r.events.find((e) => e.type === 'PassStateExited' && (e['stateExitedEventDetails'] as { name: string }).name === 'B2');
    expect((inner?.['stateExitedEventDetails'] as { output: string }).output).toBe('{"x":1,"y":2}');
  });

  it('a failed branch fails the Parallel; Catch sees its error and the state exits', async () => {
    const r = await runInMemory(
      {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
              { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'E', Cause: 'c' } } },
            ],
            Catch: [{ ErrorEquals: ['E'], Next: 'Handled' }],
            End: true,
          },
          Handled: { Type: 'Pass', End: true },
        },
      },
      {},
    );
    expect(r).toMatchObject({ status: 'SUCCEEDED', output: { Error: 'E', Cause: 'c' } });
    const types = r.events.map((e) => e.type);
    expect(types.slice(types.indexOf('ParallelStateFailed'))).toEqual([
      'ParallelStateFailed',
      'ParallelStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    // ids stay contiguous and every previousEventId points back
    r.events.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      expect(e.previousEventId).toBeLessThan(e.id);
    });
  });
});

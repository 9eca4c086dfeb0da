// Child frames of successive fan-outs on one frame must be distinct: a Parallel followed by a
// Map, a Map followed by a Parallel, and a Map re-entered by a loop each get fresh children.
import { afterEach, describe, expect, it } from 'vitest';
import { assertContiguous, harness, type Harness } from './harness.js';

const branch = (name: string, result: string) => ({ StartAt: name, States: { [name]: { Type: 'Pass', Result: result, End: true } } });
const identity = { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } };

describe('several fan-outs in one execution', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a Parallel followed by a Map runs both to the end', async () => {
    h = await harness();
    const arn = await h.start('pm', {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Next: 'M', ResultPath: '$.p', Branches: [branch('A', 'a'), branch('B', 'b')] },
        M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: identity, ResultPath: '$.m', End: true },
      },
    }, { items: [1, 2, 3] });
    const d = await h.waitDone(arn, 8000);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ items: [1, 2, 3], p: ['a', 'b'], m: [1, 2, 3] });
    assertContiguous(await h.history(arn));
  });

  it('a Map followed by a Parallel runs both to the end', async () => {
    h = await harness();
    const arn = await h.start('mp', {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 1, ItemProcessor: identity, ResultPath: '$.m', Next: 'P' },
        P: { Type: 'Parallel', End: true, Branches: [branch('A', 'a'), branch('B', 'b'), branch('C', 'c')] },
      },
    }, { items: [1, 2] });
    const d = await h.waitDone(arn, 8000);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual(['a', 'b', 'c']);
  });

  it('a Map entered three times by a loop starts fresh iterations each time', async () => {
    h = await harness();
    const arn = await h.start('loop', {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', ItemsPath: '$.items', ResultPath: '$.last', Next: 'Count',
          ItemSelector: { 'v.$': '$$.Map.Item.Value', 'round.$': '$.n' },
          ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', Parameters: { 'r.$': 'States.MathAdd($.v, $.round)' }, End: true } } },
        },
        Count: { Type: 'Pass', Parameters: { 'items.$': '$.items', 'last.$': '$.last', 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Again' },
        Again: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 3, Next: 'M' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    }, { items: [10, 20], n: 0 });
    const d = await h.waitDone(arn, 8000);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ items: [10, 20], last: [{ r: 12 }, { r: 22 }], n: 3 });
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(6);
  });
});

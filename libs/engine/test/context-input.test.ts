/**
 * `$$.Execution.Input` in the durable engine: the execution input is read from the execution's
 * meta when a state asks for it (in the start's first step and in a later step), never changed
 * by what the states did to their own input.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from './harness.js';

describe('$$.Execution.Input', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('is the execution input in the first step and after a task', async () => {
    h = await harness({ integrations: { handlers: { 'test:double': async (x) => ({ n: (x as { n: number }).n * 2 }) } } });
    const def = {
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Parameters: { 'seen.$': '$$.Execution.Input' }, ResultPath: '$.first', Next: 'Double' },
        Double: { Type: 'Task', Resource: 'test:double', InputPath: '$.first.seen', ResultPath: '$.doubled', Next: 'Last' },
        Last: { Type: 'Pass', Parameters: { 'input.$': '$$.Execution.Input', 'doubled.$': '$.doubled.n' }, End: true },
      },
    };
    const input = { n: 21, big: 'x'.repeat(10_000) };
    const arn = await h.start('ctx-input', def, input);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? 'null')).toEqual({ input, doubled: 42 });
  });
});

/**
 * A step that runs until blocked can carry thousands of history events (a long Pass/Choice
 * loop runs in one step). Its commit must take them all, at StartExecution (first step in the
 * start's own script) and in a worker; Lua's unpack stops at about 8,000 values.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { assertContiguous, harness, type Harness } from './harness.js';

// 2,500 rounds of two states: 10,000 state events in one run-until-blocked step
const loop = (n: number) => ({
  StartAt: 'Inc',
  States: {
    Inc: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Check' },
    Check: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThanEquals: n, Next: 'Done' }], Default: 'Inc' },
    Done: { Type: 'Succeed' },
  },
});

describe('a step with more history events than Lua can unpack at once', () => {
  let h: Harness;
  afterEach(async () => h.close());

  for (const inlineFirstStep of [true, false]) {
    it(`commits ${inlineFirstStep ? 'as the start\'s first step' : 'in a worker'}`, async () => {
      h = await harness({ inlineFirstStep });
      const arn = await h.start('long', loop(2500), { n: 0 }, 'long');
      const d = await h.waitDone(arn, 30_000);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output ?? 'null')).toEqual({ n: 2500 });
      const events = await h.history(arn);
      expect(events.length).toBeGreaterThan(10_000);
      assertContiguous(events);
    }, 60_000);
  }
});

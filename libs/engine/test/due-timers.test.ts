/**
 * fireDueTimersDetached: fired members leave the scheduler's set before their steps finish (so
 * the loop can look for the next due timers), and the steps complete the executions afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireDueTimersDetached } from '../src/timers/due-timers.js';
import { assertContiguous, harness, type Harness } from './harness.js';

describe('detached timer batches', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('removes the fired members at once and completes the steps after', async () => {
    h = await harness({ timers: false, workers: false });
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } } };
    const arns = await Promise.all([0, 1, 2, 3, 4].map((i) => h.start('detached', def, {}, `d${i}`)));
    const core = h.engine.core;
    expect(await h.redis.zcard(core.keys.timers())).toBe(5);
    // nothing due yet
    expect((await fireDueTimersDetached(core, Date.now())).handled).toBe(0);
    const batch = await fireDueTimersDetached(core, Date.now() + 2000);
    expect(batch.handled).toBe(5);
    expect(batch.replies.map((r) => r.kind)).toEqual(['fired', 'fired', 'fired', 'fired', 'fired']);
    expect(await h.redis.zcard(core.keys.timers())).toBe(0);
    // each reply carries what the step would load: no load round trip before the step
    const first = batch.replies[0];
    expect(first?.kind === 'fired' ? first.loaded : undefined).toMatchObject({ meta: { status: 'RUNNING' }, frame: { v: '1', wdone: '1' }, signal: '{"kind":"timerFired"}' });
    await batch.steps;
    for (const arn of arns) {
      const d = await h.engine.describeExecution(arn);
      expect(d.status).toBe('SUCCEEDED');
      expect(d.output).toBe('"done"');
      assertContiguous(await h.history(arn));
    }
    // a second pass finds nothing left to fire
    expect((await fireDueTimersDetached(core, Date.now() + 2000)).handled).toBe(0);
  });
});

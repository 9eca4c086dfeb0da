import { afterEach, describe, expect, it } from 'vitest';
import { advanceFrame } from '../src/advance.js';
import { fireMembers } from '../src/timers/due-timers.js';
import { timerMember } from '../src/timers/timer-record.js';
import { executionIdOf } from '../src/ids.js';
import { assertContiguous, harness, type Harness } from './harness.js';

describe('stale and duplicate deliveries are no-ops', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a duplicate advance job is stale once its version committed', async () => {
    h = await harness({ workers: false, timers: false, inlineFirstStep: false });
    const arn = await h.start('dup', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    const e = executionIdOf(arn) ?? '';
    expect(await advanceFrame(h.engine.core, { e, f: 'root', v: 0 })).toBe('committed');
    expect(await advanceFrame(h.engine.core, { e, f: 'root', v: 0 })).toBe('stale');
    expect(await advanceFrame(h.engine.core, { e, f: 'root', v: 1 })).toBe('idle');
    const events = await h.history(arn);
    expect(events.filter((x) => x.type === 'ExecutionStarted')).toHaveLength(1);
    assertContiguous(events);
  });

  it('a stale timer (another wait id) is dropped; the right one fires once', async () => {
    h = await harness({ workers: false, timers: false, inlineFirstStep: false });
    const arn = await h.start('stale', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    const e = executionIdOf(arn) ?? '';
    await advanceFrame(h.engine.core, { e, f: 'root', v: 0 });
    const wrong = timerMember({ executionId: e, frame: 'root', waitId: '7', kind: 'wait' });
    expect((await fireMembers(h.engine.core, [wrong], Date.now()))[0]?.kind).toBe('stale');
    const right = timerMember({ executionId: e, frame: 'root', waitId: '1', kind: 'wait' });
    expect((await fireMembers(h.engine.core, [right], Date.now()))[0]?.kind).toBe('fired');
    expect((await fireMembers(h.engine.core, [right], Date.now()))[0]?.kind).toBe('stale');
    // the fired timer's step ran in the timer's process: a queued job for it is a no-op
    expect(await advanceFrame(h.engine.core, { e, f: 'root', v: 1 })).toBe('closed');
    expect((await h.engine.describeExecution(arn)).status).toBe('SUCCEEDED');
  });

  it('jobs for a closed execution are no-ops', async () => {
    h = await harness({ workers: false, timers: false, inlineFirstStep: false });
    const arn = await h.start('closed', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } });
    const e = executionIdOf(arn) ?? '';
    await h.engine.stopExecution(arn);
    expect(await advanceFrame(h.engine.core, { e, f: 'root', v: 0 })).toBe('closed');
    const events = await h.history(arn);
    expect(events.map((x) => x.type)).toEqual(['ExecutionAborted']);
  });

  it('many concurrent Map iterations commit without a duplicate or a gap in event ids', async () => {
    h = await harness();
    const def = { StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 0, Next: 'B' }, B: { Type: 'Pass', End: true } } } } } };
    const arn = await h.start('many', def, Array.from({ length: 50 }, (_, i) => i));
    const d = await h.waitDone(arn, 15_000);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toHaveLength(50);
    const events = await h.history(arn);
    assertContiguous(events);
    expect(new Set(events.map((x) => x.id)).size).toBe(events.length);
  });
});

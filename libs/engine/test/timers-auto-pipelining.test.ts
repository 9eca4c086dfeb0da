/**
 * The scheduler process fires timers on an auto-pipelining connection: a burst of fired timers'
 * steps commits and relays in a few writes instead of two or three per step, with the same
 * guarantees (each step commits once, a re-delivered timer is stale, nothing left in the
 * outboxes or the dirty set).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireDueTimersDetached, fireMembers } from '../src/timers/due-timers.js';
import { executionIdOf } from '../src/ids.js';
import { assertContiguous, harness, type Harness } from './harness.js';

const N = 40;

describe('timers on an auto-pipelining connection', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('fires a burst in a few writes; each step commits once, in order, and a re-delivered timer is stale', async () => {
    h = await harness({ timers: false, workers: false, autoPipelining: true });
    const def = { StartAt: 'W1', States: { W1: { Type: 'Wait', Seconds: 1, Next: 'W2' }, W2: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } } };
    const arns = await Promise.all(Array.from({ length: N }, (_, i) => h.start('burst', def, {}, `b${i}`)));
    const core = h.engine.core;
    // the starts relay their timers in the background
    const until = Date.now() + 5000;
    while (Date.now() < until && ((await h.redis.zcard(core.keys.timers())) < N || (await h.redis.zcard(core.keys.dirty())) > 0)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const firstMembers = await h.redis.zrange(core.keys.timers(), 0, -1);
    expect(firstMembers).toHaveLength(N);

    // W1 fires for all: each step exits W1, enters W2 and relays W2's timer.
    const socket = h.redis.stream;
    const write = socket.write.bind(socket);
    let writes = 0;
    socket.write = ((...args: Parameters<typeof socket.write>) => {
      writes++;
      return write(...args);
    }) as typeof socket.write;
    const first = await fireDueTimersDetached(core, Date.now() + 1500);
    await first.steps;
    socket.write = write;
    expect(first.handled).toBe(N);
    // one write each for the fire and the member removal, then the commits, the new timers and
    // the outbox clean-ups of all N steps batched (a plain connection needs about 3 per step)
    expect(writes).toBeLessThan(12);
    const second = await h.redis.zrange(core.keys.timers(), 0, -1);
    expect(second).toHaveLength(N);
    expect(second.some((m) => firstMembers.includes(m))).toBe(false);

    // the first timers delivered again: stale, nothing changes
    const again = await fireMembers(core, firstMembers, Date.now() + 1500);
    expect(again.map((r) => r.kind)).toEqual(Array.from({ length: N }, () => 'stale'));

    await (await fireDueTimersDetached(core, Date.now() + 3000)).steps;
    for (const arn of arns) {
      const d = await h.engine.describeExecution(arn);
      expect(d.status).toBe('SUCCEEDED');
      expect(d.output).toBe('"done"');
      const events = await h.history(arn);
      assertContiguous(events);
      expect(events.map((e) => e.type)).toEqual([
        'ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'WaitStateEntered', 'WaitStateExited',
        'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
      ]);
      expect(await h.redis.hlen(core.keys.outbox(executionIdOf(arn) ?? ''))).toBe(0);
    }
    expect(await h.redis.zcard(core.keys.timers())).toBe(0);
    expect(await h.redis.zcard(core.keys.dirty())).toBe(0);
  });
});

/**
 * The precise timer loop: while the earliest timer is not due, a poll reads only the set's head
 * (one command), and a timer added earlier than the head it last saw still fires within a poll.
 * A batch whose fire has not answered yet does not hold back a timer due after it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTimerLoop } from '../src/timers/timer-loop.js';
import { timerMember } from '../src/timers/timer-record.js';
import { assertContiguous, harness, type Harness } from './harness.js';

describe('timer loop', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('polls the head only while nothing is due, and fires a timer added ahead of the head it saw', async () => {
    h = await harness({ timers: false, workers: false });
    const core = h.engine.core;
    await h.start('far', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }, {}, 'far');
    const calls = { due: 0, head: 0 };
    const redis = core.redis;
    const zrangebyscore = redis.zrangebyscore.bind(redis);
    const zrange = redis.zrange.bind(redis);
    redis.zrangebyscore = ((...a: Parameters<typeof zrangebyscore>) => {
      calls.due++;
      return zrangebyscore(...a);
    }) as typeof redis.zrangebyscore;
    redis.zrange = ((...a: Parameters<typeof zrange>) => {
      calls.head++;
      return zrange(...a);
    }) as typeof redis.zrange;
    const loop = startTimerLoop(core, { pollMs: 10 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      // the first look reads the due members and the next due time (two commands, one round
      // trip), then only the head until the 60-second Wait is due
      expect(calls.due).toBe(2);
      expect(calls.head).toBeGreaterThan(5);

      const arn = await h.start('near', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } }, {}, 'near');
      const d = await h.waitDone(arn, 3000);
      expect(d.status).toBe('SUCCEEDED');
      const events = await h.history(arn);
      const entered = events.find((e) => e.type === 'WaitStateEntered');
      const exited = events.find((e) => e.type === 'WaitStateExited');
      expect((exited?.timestamp ?? 0) - (entered?.timestamp ?? 0)).toBeGreaterThanOrEqual(1000);
    } finally {
      await loop.stop();
      redis.zrangebyscore = zrangebyscore;
      redis.zrange = zrange;
    }
  });

  it('fires a timer due later while an earlier batch has not answered, and fires nothing twice', async () => {
    h = await harness({ timers: false, workers: false });
    const core = h.engine.core;
    const redis = core.redis;
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', End: true } } };
    const first = await h.start('held', def, {}, 'held');
    const [member] = await h.redis.zrange(core.keys.timers(), 0, 0);
    expect(member).toBeDefined();
    // The pipeline that fires the first timer is held until released, as a slow reply would be.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const pipeline = redis.pipeline.bind(redis);
    let held = false;
    redis.pipeline = ((...a: Parameters<typeof pipeline>) => {
      const p = pipeline(...a);
      const exec = p.exec.bind(p);
      p.exec = (async (...e: Parameters<typeof exec>) => {
        const queued = (p as unknown as { _queue: Array<{ args: unknown[] }> })._queue;
        if (!held && queued.some((c) => c.args.includes(member))) {
          held = true;
          await gate;
        }
        return exec(...e);
      }) as typeof p.exec;
      return p;
    }) as typeof redis.pipeline;
    const loop = startTimerLoop(core, { pollMs: 10 });
    try {
      const until = Date.now() + 3000;
      while (!held && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      expect(held).toBe(true);
      const second = await h.start('later', def, {}, 'later');
      // due a second after the first, while the first's fire is still out: it fires all the same
      expect((await h.waitDone(second, 3000)).status).toBe('SUCCEEDED');
      expect((await h.engine.describeExecution(first)).status).toBe('RUNNING');
      release();
      expect((await h.waitDone(first, 3000)).status).toBe('SUCCEEDED');
      for (const arn of [first, second]) {
        const events = await h.history(arn);
        assertContiguous(events);
        expect(events.filter((e) => e.type === 'WaitStateExited')).toHaveLength(1);
      }
      expect(await h.redis.zcard(core.keys.timers())).toBe(0);
    } finally {
      release();
      await loop.stop();
      redis.pipeline = pipeline;
    }
  });

  it('rests a timer whose fire fails instead of retrying it at once, and fires the others', async () => {
    h = await harness({ timers: false, workers: false });
    const core = h.engine.core;
    // an execution whose meta is not a hash: fire-timer.lua errors (WRONGTYPE) on every try
    await h.redis.set(core.keys.meta('broken.x'), 'not a hash');
    const member = timerMember({ executionId: 'broken.x', frame: 'root', waitId: '1', kind: 'wait' });
    await h.redis.zadd(core.keys.timers(), Date.now() - 10, member);
    const fine = await h.start('fine', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } }, {}, 'fine');
    let tries = 0;
    const redis = core.redis;
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = ((...a: Parameters<typeof send>) => {
      if (a[0].name.toLowerCase().startsWith('eval') && a[0].args.some((x) => x === member)) tries++;
      return send(...a);
    }) as typeof redis.sendCommand;
    const loop = startTimerLoop(core, { pollMs: 10 });
    try {
      expect((await h.waitDone(fine, 3000)).status).toBe('SUCCEEDED');
      // over more than a second: a try at once, and one more after its rest
      expect(tries).toBeGreaterThanOrEqual(1);
      expect(tries).toBeLessThanOrEqual(3);
      expect(await h.redis.zscore(core.keys.timers(), member)).not.toBeNull();
    } finally {
      await loop.stop();
      redis.sendCommand = send;
      await h.redis.del(core.keys.meta('broken.x'));
    }
  });

  it('reads a Wait\'s state before it is due and sends its step\'s commit right behind the fire', async () => {
    h = await harness({ timers: false, workers: false });
    const core = h.engine.core;
    const arn = await h.start('prefetched', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', End: true } } }, {}, 'prefetched');
    const [member] = await h.redis.zrange(core.keys.timers(), 0, 0);
    const fires: string[] = [];
    const redis = core.redis;
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = ((...a: Parameters<typeof send>) => {
      // fire-timer's last argument: '0' when the step was prepared (no state returned)
      if (a[0].name.toLowerCase().startsWith('eval') && a[0].args.includes(member ?? '')) fires.push(String(a[0].args.at(-1)));
      return send(...a);
    }) as typeof redis.sendCommand;
    const loop = startTimerLoop(core, { pollMs: 10 });
    try {
      expect((await h.waitDone(arn, 3000)).status).toBe('SUCCEEDED');
      expect(fires).toEqual(['0']);
      const events = await h.history(arn);
      assertContiguous(events);
      const entered = events.find((e) => e.type === 'WaitStateEntered');
      const exited = events.find((e) => e.type === 'WaitStateExited');
      expect((exited?.timestamp ?? 0) - (entered?.timestamp ?? 0)).toBeGreaterThanOrEqual(1000);
    } finally {
      await loop.stop();
      redis.sendCommand = send;
    }
  });
});

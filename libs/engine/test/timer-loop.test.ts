/**
 * The precise timer loop: while the earliest timer is not due, a poll reads only the set's head
 * (one command), and a timer added earlier than the head it last saw still fires within a poll.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTimerLoop } from '../src/timers/timer-loop.js';
import { harness, type Harness } from './harness.js';

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
      // the first look reads the due members, then only the head until the 60-second Wait is due
      expect(calls.due).toBe(1);
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
});

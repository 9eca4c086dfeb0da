/**
 * A commit whose reply comes after a reconnect may have run twice: ioredis re-sends the commands
 * in flight when the connection dropped, so a commit Redis applied just before it died runs
 * again and answers stale (or "already answered"), and its caller never sees the first run's
 * outbox entries. Such a commit's dirty mark must stay for the sweep, which relays the
 * execution's whole outbox; without a reconnect the caller removes its own mark as before.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { executionIdOf } from '../src/ids.js';
import { harness, type Harness } from './harness.js';

const waitLong = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } };

describe('dirty marks across a reconnect', () => {
  let h: Harness;
  afterEach(async () => h.close());

  /** An execution with an outbox entry its caller does not know of, and that commit's mark. */
  async function appliedCommitUnseen(name: string) {
    h = await harness({ timers: false, workers: false });
    const arn = await h.start(name, waitLong);
    const core = h.engine.core;
    const id = executionIdOf(arn) as string;
    const mark = core.mark(id);
    await h.redis.zadd(core.keys.dirty(), mark.score, mark.member);
    await h.redis.hset(core.keys.outbox(id), 'adv|root|9', JSON.stringify({ t: 'adv', f: 'root', v: 9 }));
    return { core, id, mark };
  }

  it('keeps the mark of a commit made before the connection dropped, and the sweep relays its outbox', async () => {
    const { core, id, mark } = await appliedCommitUnseen('reconnect');
    const ready = new Promise((r) => h.redis.once('ready', r));
    h.redis.disconnect(true);
    await ready;
    // the caller of a stale reply relays nothing and gives its mark back
    await core.relayAfterCommit(id, [], mark);
    expect(await h.redis.zscore(core.keys.dirty(), mark.member)).not.toBeNull();
    expect(await h.redis.hexists(core.keys.outbox(id), 'adv|root|9')).toBe(1);

    await core.relay.sweep(Date.now() + 60_000, 0);
    expect(await h.redis.hexists(core.keys.outbox(id), 'adv|root|9')).toBe(0);
    expect(await h.redis.zscore(core.keys.dirty(), mark.member)).toBeNull();
  });

  it('removes the mark when no reconnect came between the mark and the reply', async () => {
    const { core, id, mark } = await appliedCommitUnseen('steady');
    await core.relayAfterCommit(id, [], mark);
    expect(await h.redis.zscore(core.keys.dirty(), mark.member)).toBeNull();
  });
});

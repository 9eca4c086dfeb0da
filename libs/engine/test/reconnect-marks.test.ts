/**
 * A commit whose reply comes after a reconnect may have run twice: ioredis re-sends the commands
 * in flight when the connection dropped, so a commit Redis applied just before it died runs
 * again and answers stale (or "already answered"), and its caller never sees the first run's
 * outbox entries. Such a commit's dirty mark must stay for the sweep, which relays the
 * execution's whole outbox; without a reconnect the caller removes its own mark as before.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
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

  it('answers a StartExecution re-sent after a reconnect as the start that ran, not ExecutionAlreadyExists', async () => {
    h = await harness({ timers: false, workers: false });
    const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    await h.start('warm', pass, {}, 'warm'); // scripts loaded, program cached
    // Redis busy in a script: the start's script waits in the socket; then the connection drops,
    // and ioredis sends it again after the reconnect, when the first send has already run.
    const other = new Redis(inject('redisUrl'));
    const busy = "local t0 = redis.call('TIME'); local s0 = t0[1] * 1000000 + t0[2]; while true do local t = redis.call('TIME'); if t[1] * 1000000 + t[2] - s0 > 300000 then break end end return 1";
    const blocked = other.eval(busy, 0);
    await new Promise((r) => setTimeout(r, 50));
    const started = h.start('resend', pass, { a: 1 }, 'only-once');
    await new Promise((r) => setTimeout(r, 100));
    h.redis.stream.destroy();
    await blocked;
    other.disconnect();
    const arn = await started;
    expect(arn).toMatch(/:execution:resend:only-once$/);
    expect((await h.engine.describeExecution(arn)).status).toBe('SUCCEEDED');
    // a different start of the same name still gets AWS's answer
    await expect(h.start('resend', pass, { a: 2 }, 'only-once')).rejects.toMatchObject({ code: 'ExecutionAlreadyExists' });
  });
});

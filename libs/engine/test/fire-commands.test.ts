/**
 * A fired timer's step costs its commit and nothing else of its own when it relays nothing: the
 * commit deletes the outbox entry it ran inline, a step that ends the execution gets no dirty
 * mark, and the fires' marks leave in one command per batch. Counted on the engine's connection, so a
 * regression (a relay, a mark, a load per fire) fails here. A crash at each point between the
 * fire and the relay leaves what the sweep needs to finish the execution exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { arns as arnsOf } from '@stepwise/protocol';
import { fireDueTimers, fireMembers } from '../src/timers/due-timers.js';
import { fireTimerScript } from '../src/scripts/scripts.js';
import { stepFrame } from '../src/advance.js';
import { deliverOutcome } from '../src/dispatch.js';
import { parseTimerMember, timerMember } from '../src/timers/timer-record.js';
import { executionIdOf } from '../src/ids.js';
import { assertContiguous, countCommands, harness, SCOPE, type Harness } from './harness.js';

const N = 10;

/** Waits for the starts' background relays: n timers set, and no dirty mark left. */
async function waitForTimers(h: Harness, n: number): Promise<string[]> {
  const until = Date.now() + 5000;
  for (;;) {
    const members = await h.redis.zrange(h.engine.core.keys.timers(), 0, -1);
    const settled = members.length >= n && (await h.redis.zcard(h.engine.core.keys.dirty())) === 0;
    if (settled || Date.now() > until) return members;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function assertClean(h: Harness, arns: readonly string[]): Promise<void> {
  const core = h.engine.core;
  for (const arn of arns) expect(await h.redis.hlen(core.keys.outbox(executionIdOf(arn) ?? ''))).toBe(0);
  expect(await h.redis.zcard(core.keys.dirty())).toBe(0);
}

describe('commands per fired timer', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a Wait whose step ends the execution: two scripts per fire, nothing relayed', async () => {
    h = await harness({ timers: false, workers: false });
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } } };
    const arns = await Promise.all(Array.from({ length: N }, (_, i) => h.start('cmds', def, {}, `e${i}`)));
    expect(await waitForTimers(h, N)).toHaveLength(N);
    const counts = await countCommands(h.redis, () => fireDueTimers(h.engine.core, Date.now() + 1500));
    // per batch: ZRANGEBYSCORE, the fires' marks (ZADD), the fired members' ZREM and the marks'
    // ZREM; per fire: fire-timer and commit-step (before: also the step's mark (ZADD), and the
    // relay's HDEL and ZREM)
    expect(counts).toEqual({ zrangebyscore: 1, zadd: 1, evalsha: 2 * N, zrem: 2 });
    for (const arn of arns) {
      const d = await h.engine.describeExecution(arn);
      expect(d.status).toBe('SUCCEEDED');
      assertContiguous(await h.history(arn));
    }
    await assertClean(h, arns);
  });

  it('a Wait followed by another Wait: the step relays only its new timer', async () => {
    h = await harness({ timers: false, workers: false });
    const def = { StartAt: 'W1', States: { W1: { Type: 'Wait', Seconds: 1, Next: 'W2' }, W2: { Type: 'Wait', Seconds: 1, End: true } } };
    const arns = await Promise.all(Array.from({ length: N }, (_, i) => h.start('cmds2', def, {}, `e${i}`)));
    expect(await waitForTimers(h, N)).toHaveLength(N);
    const counts = await countCommands(h.redis, () => fireDueTimers(h.engine.core, Date.now() + 1500));
    // per fire besides the two scripts: the new timer's ZADD, its outbox entry's HDEL and the
    // step's mark's ZREM (the relay of what the commit wrote)
    // per fire besides the two scripts: the step's mark, then the relay of the new timer (ZADD,
    // HDEL of its entry, ZREM of both marks); the consumed entry goes with the commit
    expect(counts).toEqual({ zrangebyscore: 1, zadd: 1 + 2 * N, evalsha: 2 * N, zrem: 1 + N, hdel: N });
    expect(await h.redis.zcard(h.engine.core.keys.timers())).toBe(N);
    await fireDueTimers(h.engine.core, Date.now() + 3000);
    for (const arn of arns) expect((await h.engine.describeExecution(arn)).status).toBe('SUCCEEDED');
    await assertClean(h, arns);
  });
});

describe('a task result delivered as a signal', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('its inline step deletes the consumed entry in its commit and, ending the execution, needs no mark', async () => {
    h = await harness({ timers: false, workers: false });
    const activity = arnsOf.activity(SCOPE, 'fire-cmds-task');
    const arn = await h.start('deliver', { StartAt: 'A', States: { A: { Type: 'Task', Resource: activity, End: true } } });
    const core = h.engine.core;
    const id = executionIdOf(arn) ?? '';
    const until = Date.now() + 5000;
    while (Date.now() < until && (await h.redis.zcard(core.keys.dirty())) > 0) await new Promise((r) => setTimeout(r, 5));
    let outcome: string | undefined;
    const counts = await countCommands(h.redis, async () => {
      outcome = await deliverOutcome(core, { executionId: id, frameId: 'root', waitId: '1' }, { kind: 'succeeded', output: { ok: true } });
    });
    expect(outcome).toBe('delivered');
    // complete-task with its mark (it returns what the step loads), the step's commit, the
    // mark's removal (was also a MULTI load, the step's mark and an HDEL of the consumed entry)
    expect(counts).toEqual({ zadd: 1, evalsha: 2, zrem: 1 });
    const d = await h.engine.describeExecution(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(d.output).toBe('{"ok":true}');
    assertContiguous(await h.history(arn));
    await assertClean(h, [arn]);
  });
});

describe('fired members that need no step', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('drops a stale member, and moves a heartbeat timer that is not due yet to its new due, without a mark', async () => {
    h = await harness({ timers: false, workers: false });
    const activity = arnsOf.activity(SCOPE, 'fire-cmds');
    const arn = await h.start('hbfire', { StartAt: 'A', States: { A: { Type: 'Task', Resource: activity, HeartbeatSeconds: 60, End: true } } });
    const core = h.engine.core;
    const id = executionIdOf(arn) ?? '';
    const [hb] = (await waitForTimers(h, 1)).filter((m) => parseTimerMember(m)?.kind === 'hb');
    if (!hb) throw new Error('no heartbeat timer');
    const stale = timerMember({ executionId: id, frame: 'root', waitId: '99', kind: 'wait' });
    await h.redis.zadd(core.keys.timers(), 0, stale);
    const replies = await fireMembers(core, [hb, stale], Date.now() + 30_000);
    expect(replies.map((r) => r.kind)).toEqual(['notYet', 'stale']);
    const hbd = Number(await h.redis.hget(core.keys.frame(id, 'root'), 'hbd'));
    expect(hbd).toBeGreaterThan(Date.now() + 30_000);
    expect(await h.redis.zrange(core.keys.timers(), 0, -1, 'WITHSCORES')).toEqual([hb, String(hbd)]);
    expect(await h.redis.zcard(core.keys.dirty())).toBe(0);
    expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');
  });
});

describe('a crash between a fire and its step', () => {
  let h: Harness;
  afterEach(async () => h.close());
  const def = { StartAt: 'W1', States: { W1: { Type: 'Wait', Seconds: 1, Next: 'W2' }, W2: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } } };
  const expectedTypes = [
    'ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'WaitStateEntered', 'WaitStateExited',
    'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded',
  ];

  /** Fires the execution's one timer as the scheduler does (mark first), but runs no step. */
  async function fireOnly(arn: string): Promise<{ entry: string; f: string; v: number }> {
    const core = h.engine.core;
    const [member] = await waitForTimers(h, 1);
    const t = parseTimerMember(member ?? '');
    if (!t || !member) throw new Error('no timer');
    const mark = core.mark(t.executionId);
    const r = await fireTimerScript(core.redis, core.keys, t.executionId, { member, frame: t.frame, waitId: t.waitId, kind: t.kind, now: Date.now() + 1500 }, mark);
    await h.redis.zrem(core.keys.timers(), member);
    const first = r.kind === 'fired' ? r.entries[0] : undefined;
    if (!first || first[1].t !== 'adv') throw new Error(`not fired: ${JSON.stringify(r)}`);
    expect(executionIdOf(arn)).toBe(t.executionId);
    return { entry: first[0], f: first[1].f, v: first[1].v };
  }

  it('a fire whose step never ran: the sweep relays it and the step runs exactly once', async () => {
    h = await harness({ timers: false, workers: true });
    const arn = await h.start('crash1', def, {}, 'c1');
    const core = h.engine.core;
    const id = executionIdOf(arn) ?? '';
    const fired = await fireOnly(arn);
    // the process died here: the entry and the fire's mark are all that is left
    expect(await h.redis.hkeys(core.keys.outbox(id))).toEqual([fired.entry]);
    expect(await h.redis.zcard(core.keys.dirty())).toBe(1);
    expect(await core.relay.sweep(Date.now() + 60_000, 0)).toBe(1);
    // the worker runs the queued step (W1 -> W2); then W2 fires with its step inline
    await waitForTimers(h, 1);
    await fireDueTimers(core, Date.now() + 3000);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    // the step the dead process would have run is stale now
    expect((await stepFrame(core, { e: id, f: fired.f, v: fired.v }, undefined, fired.entry)).outcome).toBe('closed');
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.map((e) => e.type)).toEqual(expectedTypes);
    await assertClean(h, [arn]);
  });

  it('a step committed but not relayed: its own mark lets the sweep relay its timer', async () => {
    h = await harness({ timers: false, workers: false });
    const arn = await h.start('crash2', def, {}, 'c2');
    const core = h.engine.core;
    const id = executionIdOf(arn) ?? '';
    const fired = await fireOnly(arn);
    const fireMarks = await h.redis.zrange(core.keys.dirty(), 0, -1);
    // the step commits (consuming the entry), then the process dies before its relay
    const r = await stepFrame(core, { e: id, f: fired.f, v: fired.v }, undefined, fired.entry);
    expect(r.outcome).toBe('committed');
    expect(r.marks).toHaveLength(1);
    const left = await h.redis.hkeys(core.keys.outbox(id));
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^timer\|/);
    expect((await h.redis.zrange(core.keys.dirty(), 0, -1)).sort()).toEqual([...fireMarks, r.marks[0]?.member].sort());
    expect(await h.redis.zcard(core.keys.timers())).toBe(0);
    // a second run of the same step (a retried job, a duplicate fire) changes nothing
    expect((await stepFrame(core, { e: id, f: fired.f, v: fired.v }, undefined, fired.entry)).outcome).toBe('stale');
    expect(await core.relay.sweep(Date.now() + 60_000, 0)).toBe(1);
    expect(await h.redis.zcard(core.keys.timers())).toBe(1);
    await fireDueTimers(core, Date.now() + 3000);
    expect((await h.engine.describeExecution(arn)).status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.map((e) => e.type)).toEqual(expectedTypes);
    await assertClean(h, [arn]);
  });
});

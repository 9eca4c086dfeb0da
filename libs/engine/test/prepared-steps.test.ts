/**
 * Steps prepared from state read before their timer was due (timers/prepared-steps.ts): the
 * fire and the step's commit go out in one pipeline, and commit-step.lua applies the commit only
 * on that fire's own signal. When anything moved since the read (another frame committed, the
 * execution was stopped), the prepared commit is refused and the step runs the usual way, once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fireMembersDetached } from '../src/timers/due-timers.js';
import { prefetchTimers } from '../src/timers/prepared-steps.js';
import { executionIdOf } from '../src/ids.js';
import { assertContiguous, countCommands, harness, until, type Harness } from './harness.js';

const twoWaits = { StartAt: 'W1', States: { W1: { Type: 'Wait', Seconds: 1, Next: 'W2' }, W2: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', End: true } } };
const waitThenPass = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } } };

describe('prepared timer steps', () => {
  let h: Harness;
  afterEach(async () => h.close());

  async function timersOf(arn: string): Promise<string[]> {
    const id = executionIdOf(arn) ?? '';
    return (await h.redis.zrange(h.engine.core.keys.timers(), 0, -1)).filter((m) => m.startsWith(`${id}|`));
  }

  it('fires and commits in one pipeline, loading nothing after the fire', async () => {
    h = await harness({ timers: false, workers: false });
    const arns = await Promise.all([0, 1, 2].map((i) => h.start('prepared', waitThenPass, { i }, `p${i}`)));
    const members = (await Promise.all(arns.map(timersOf))).flat();
    expect(members).toHaveLength(3);
    const pre = await prefetchTimers(h.engine.core, members);
    expect(pre.size).toBe(3);
    // the scripts each pipeline carried
    const redis = h.engine.core.redis;
    const pipeline = redis.pipeline.bind(redis);
    const scriptsPerPipeline: number[] = [];
    redis.pipeline = ((...a: Parameters<typeof pipeline>) => {
      const p = pipeline(...a);
      const exec = p.exec.bind(p);
      p.exec = ((...e: Parameters<typeof exec>) => {
        scriptsPerPipeline.push((p as unknown as { _queue: Array<{ name: string }> })._queue.filter((c) => c.name.startsWith('eval')).length);
        return exec(...e);
      }) as typeof p.exec;
      return p;
    }) as typeof redis.pipeline;
    let handled = 0;
    const counts = await countCommands(redis, async () => {
      const b = await fireMembersDetached(h.engine.core, members, Date.now() + 1500, pre);
      await b.steps;
      handled = b.handled;
    }).finally(() => (redis.pipeline = pipeline));
    expect(handled).toBe(3);
    // three fires and three commits, all in the fire's pipeline; no load after the fire
    expect(counts.evalsha).toBe(6);
    expect(scriptsPerPipeline).toContain(6);
    expect(counts.hgetall ?? 0).toBe(0);
    for (const arn of arns) {
      const d = await h.engine.describeExecution(arn);
      expect([d.status, d.output]).toEqual(['SUCCEEDED', '"done"']);
      const events = await h.history(arn);
      assertContiguous(events);
      expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    }
    expect(await h.redis.zcard(h.engine.core.keys.timers())).toBe(0);
  });

  it('runs the step the usual way, once, when another frame committed since the read', async () => {
    h = await harness({ timers: false, workers: true });
    // two branches wait; the first one's step moves the event counter after the second was read
    const def = {
      StartAt: 'Par', States: {
        Par: {
          Type: 'Parallel', End: true, Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 2, End: true } } },
          ],
        },
      },
    };
    const arn = await h.start('prepared-conflict', def, {});
    const members = await until(async () => {
      const m = await timersOf(arn);
      return m.length === 2 ? m : undefined;
    });
    expect(members).toHaveLength(2);
    const pre = await prefetchTimers(h.engine.core, members);
    const [first, second] = members;
    const a = await fireMembersDetached(h.engine.core, [first ?? ''], Date.now() + 3000);
    await a.steps;
    const counts = await countCommands(h.engine.core.redis, async () => {
      const b = await fireMembersDetached(h.engine.core, [second ?? ''], Date.now() + 3000, pre);
      await b.steps;
    });
    // the prepared commit was refused (the counter moved): the step loaded and committed after the fire
    expect(counts.evalsha).toBe(3);
    expect(counts.hgetall ?? 0).toBeGreaterThan(0);
    const d = await h.waitDone(arn, 3000);
    expect(d.status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.filter((e) => e.type === 'WaitStateExited')).toHaveLength(2);
  });

  it('commits nothing for an execution stopped since the read', async () => {
    h = await harness({ timers: false, workers: false });
    const arn = await h.start('prepared-stopped', waitThenPass, {});
    const members = await timersOf(arn);
    const pre = await prefetchTimers(h.engine.core, members);
    await h.engine.stopExecution(arn);
    const b = await fireMembersDetached(h.engine.core, members, Date.now() + 1500, pre);
    await b.steps;
    expect((await h.engine.describeExecution(arn)).status).toBe('ABORTED');
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
  });

  it('relays what a prepared commit wrote behind a fire another fire of the same timer got to first', async () => {
    h = await harness({ timers: false, workers: false });
    const core = h.engine.core;
    const arn = await h.start('stale-prep', twoWaits, {});
    const id = executionIdOf(arn) ?? '';
    const members = (await h.redis.zrange(core.keys.timers(), 0, -1)).filter((m) => m.startsWith(`${id}|`));
    expect(members).toHaveLength(1);
    const pre = await prefetchTimers(core, members);
    expect(pre.size).toBe(1);
    // another fire of the same timer (fireTimerNow, or another scheduler) whose step has not committed yet:
    // hold the execution's turn so that fire's inline step waits
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inTurn = new Promise<void>((r) => (entered = r));
    const turn = core.turns.run(id, async () => {
      entered();
      await held;
    });
    await inTurn;
    const a = await fireMembersDetached(core, members, Date.now() + 1500);
    expect(a.replies[0]?.kind).toBe('fired');
    // the loop's fire, with the prepared commit behind it
    const b = await fireMembersDetached(core, members, Date.now() + 1500, pre);
    expect(b.replies[0]?.kind).toBe('stale');
    release();
    await turn;
    await a.steps;
    await b.steps;
    const events = (await h.history(arn)).map((e) => e.type);
    const dirty = (await h.redis.zrange(core.keys.dirty(), 0, -1)).filter((m) => m.startsWith(`${id}|`));
    // one transition (the prepared one), and W2's timer relayed to the scheduler's set
    expect(events.filter((e) => e === 'WaitStateExited')).toHaveLength(1);
    expect(events.at(-1)).toBe('WaitStateEntered');
    const timers = (await h.redis.zrange(core.keys.timers(), 0, -1)).filter((m) => m.startsWith(`${id}|`));
    expect(timers).toHaveLength(1);
    expect(timers[0]).not.toBe(members[0]);
    expect(dirty).toEqual([]);
  });
});

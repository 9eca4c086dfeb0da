// StartExecution commits the execution's first step in the start's own round trip (the pure
// interpreter runs before the call). That step must land only on the execution this start
// created: a second start of the same name finds the first one and commits nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { arns } from '@stepwise/protocol';
import { advanceFrame } from '../src/advance.js';
import { createEngine, type DurableEngine } from '../src/engine.js';
import { EngineError } from '../src/facade.js';
import { executionIdOf } from '../src/ids.js';
import { IntegrationRegistry } from '../src/integrations/registry.js';
import { systemClock } from '../src/clock.js';
import { assertContiguous, harness, SCOPE, type Harness } from './harness.js';

const pass = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { ok: true }, End: true } } };
const wait = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } };

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 2000;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the first step commits with the start', () => {
  let h: Harness;
  let other: DurableEngine | undefined;
  afterEach(async () => {
    await other?.close();
    other = undefined;
    await h.close();
  });

  it('a Pass machine has SUCCEEDED when StartExecution answers, with no advance job and a clean outbox', async () => {
    h = await harness({ workers: false, timers: false });
    const arn = await h.start('inline', pass, { n: 1 });
    const d = await h.engine.describeExecution(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ ok: true });
    const events = await h.history(arn);
    expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    assertContiguous(events);
    const core = h.engine.core;
    expect(await core.advanceQueue.getJobCounts('waiting', 'delayed', 'active')).toEqual({ waiting: 0, delayed: 0, active: 0 });
    // The relay runs after the answer: the start's own advance entry and its dirty mark go.
    const id = executionIdOf(arn) ?? '';
    expect(await eventually(() => h.redis.hlen(core.keys.outbox(id)), (n) => n === 0)).toBe(0);
    expect(await eventually(() => h.redis.zcard(core.keys.dirty()), (n) => n === 0)).toBe(0);
  });

  it('a first step that waits commits its timer with the start', async () => {
    h = await harness({ workers: false, timers: false });
    const arn = await h.start('waits', wait);
    expect((await h.history(arn)).map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered']);
    expect(await eventually(() => h.redis.zcard(h.engine.core.keys.timers()), (n) => n === 1)).toBe(1);
  });

  it('a second start of the same name commits no step onto the first execution', async () => {
    // The first start leaves its step to the workers (none run here): the execution is new, v0.
    h = await harness({ workers: false, timers: false, inlineFirstStep: false });
    const arn = await h.start('same', wait, { n: 1 }, 'e1');
    const first = await h.engine.describeExecution(arn);
    other = createEngine({ redis: h.redis, keyPrefix: h.prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry({}), inlineFirstStep: true });
    const smArn = arns.stateMachine(SCOPE, 'same');
    // Same input (AWS: idempotent, the first start's answer), but another definition: its step must not land.
    const again = await other.startExecution({ stateMachineArn: smArn, stateMachineName: 'same', definition: JSON.stringify(pass), type: 'STANDARD', input: '{"n":1}', name: 'e1' });
    expect(again).toEqual({ executionArn: arn, startDate: first.startDate });
    await expect(other.startExecution({ stateMachineArn: smArn, stateMachineName: 'same', definition: JSON.stringify(pass), type: 'STANDARD', input: '{"n":2}', name: 'e1' }))
      .rejects.toEqual(new EngineError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`));
    expect(await h.history(arn)).toEqual([]);
    expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');
    // The first start's own step is still the one to run.
    expect(await advanceFrame(h.engine.core, { e: executionIdOf(arn) ?? '', f: 'root', v: 0 })).toBe('committed');
    expect((await h.history(arn)).map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered']);
  });
});

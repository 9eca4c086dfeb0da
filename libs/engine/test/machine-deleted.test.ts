/**
 * Executions of a state machine being deleted fail at their next transition (docs/adr/0012). The
 * deletion is marked by one process and met by the commit of another: the step learns it from
 * Redis, inside its commit, never from memory or from its load.
 */
import { afterEach, describe, expect, it, inject } from 'vitest';
import { Redis } from 'ioredis';
import { arns } from '@stepwise/protocol';
import { advanceFrame, type Loaded } from '../src/advance.js';
import { createEngine, type DurableEngine } from '../src/engine.js';
import { executionIdOf } from '../src/ids.js';
import { IntegrationRegistry } from '../src/integrations/registry.js';
import { systemClock } from '../src/clock.js';
import { APPROVAL_RESOURCE } from '../src/plan.js';
import { assertContiguous, harness, SCOPE, type Harness } from './harness.js';

const approval = { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: APPROVAL_RESOURCE, Parameters: { 'Token.$': '$$.Task.Token' }, Next: 'After' }, After: { Type: 'Pass', End: true } } };
const wait = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, Next: 'After' }, After: { Type: 'Pass', End: true } } };

/** Another process's engine (its own connection) on the same keys: the api that served DeleteStateMachine. */
function otherProcess(h: Harness): { engine: DurableEngine; redis: Redis } {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const engine = createEngine({ redis, keyPrefix: h.prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry({ bullmqConnection: redis }) });
  return { engine, redis };
}

describe('executions of a deleted state machine', () => {
  let h: Harness;
  let api: { engine: DurableEngine; redis: Redis } | undefined;
  afterEach(async () => {
    await api?.engine.close();
    api?.redis.disconnect();
    api = undefined;
    await h.close();
  });

  it('a step loaded before the deletion was marked elsewhere fails the execution at its commit; a stale job does not', async () => {
    h = await harness({ workers: false, timers: false });
    api = otherProcess(h);
    const arn = await h.start('doomed', approval);
    const e = executionIdOf(arn) ?? '';
    const other = await h.start('kept', wait);
    const token = (await h.engine.listWaitingTasks({ executionArn: arn })).items[0]?.taskToken ?? '';
    expect(token).not.toBe('');
    await h.engine.sendTaskSuccess(token, '{"ok":true}');
    // the state a worker loaded for the answer's step, before the delete
    const [meta, frame, signal] = await Promise.all([
      h.redis.hgetall(h.engine.core.keys.meta(e)), h.redis.hgetall(h.engine.core.keys.frame(e, 'root')), h.redis.lindex(h.engine.core.keys.signals(e, 'root'), 0),
    ]);
    const known: Loaded = { meta, frame, signal, childInput: null, spawn: null };
    expect(known.meta.dl).toBeUndefined();

    expect(await api.engine.markStateMachineDeleted(arns.stateMachine(SCOPE, 'doomed'))).toBe(true);
    // a duplicate of the first step's job is no transition: the execution is not ended by it
    expect(await advanceFrame(h.engine.core, { e, f: 'root', v: 0 })).toBe('stale');
    expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');

    expect(await advanceFrame(h.engine.core, { e, f: 'root', v: Number(frame.v) }, known)).toBe('deleted');
    const d = await h.engine.describeExecution(arn);
    expect([d.status, d.error, d.cause]).toEqual(['FAILED', 'States.Runtime', 'State machine doomed has been deleted.']);
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.map((x) => x.type)).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'ExecutionFailed']);
    // the answered token stays used up
    await expect(h.engine.sendTaskSuccess(token, '{}')).rejects.toMatchObject({ code: 'TaskTimedOut' });
    // nothing of it still runs; another machine's execution was not marked
    expect(await api.engine.markStateMachineDeleted(arns.stateMachine(SCOPE, 'doomed'))).toBe(false);
    expect((await h.redis.hget(h.engine.core.keys.meta(executionIdOf(other) ?? ''), 'dl'))).toBeNull();
  });

  it('a timer fired in the scheduler\'s process fails the execution marked by another process', async () => {
    h = await harness({ workers: true, timers: false });
    api = otherProcess(h);
    const arn = await h.start('doomed-wait', wait);
    expect(await api.engine.markStateMachineDeleted(arns.stateMachine(SCOPE, 'doomed-wait'))).toBe(true);
    expect(await h.engine.fireTimerNow(arn)).toBe(true);
    const d = await h.waitDone(arn);
    expect([d.status, d.error]).toEqual(['FAILED', 'States.Runtime']);
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.map((x) => x.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionFailed']);
  });

  it('marks only the executions started since a given time when asked so', async () => {
    h = await harness({ workers: false, timers: false });
    const early = await h.start('late-starts', wait, {}, 'early');
    await new Promise((r) => setTimeout(r, 20));
    const since = Date.now();
    const late = await h.start('late-starts', wait, {}, 'late');
    const dl = async (a: string) => h.redis.hget(h.engine.core.keys.meta(executionIdOf(a) ?? ''), 'dl');
    expect(await h.engine.markStateMachineDeleted(arns.stateMachine(SCOPE, 'late-starts'), since)).toBe(true);
    expect([await dl(early), await dl(late)]).toEqual([null, '1']);
    expect(await h.engine.markStateMachineDeleted(arns.stateMachine(SCOPE, 'late-starts'))).toBe(true);
    expect(await dl(early)).toBe('1');
  });
});

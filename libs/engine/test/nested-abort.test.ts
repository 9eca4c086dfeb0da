/**
 * Aborting a Map iteration aborts everything under it: a Parallel inside the iteration and a Map
 * inside the iteration stop with it (frames dead, tokens answered with TaskTimedOut, timers gone,
 * nested inline iterations get MapIterationAborted), in the commit that failed the outer Map.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StatesError } from '@stepwise/asl';
import { assertContiguous, harness, type Harness, until } from './harness.js';
import { APPROVAL_RESOURCE } from '../src/plan.js';
import { executionIdOf } from '../src/ids.js';
import { parseTimerMember } from '../src/timers/timer-record.js';
import type { StoredHistoryEvent } from '../src/facade.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const hour = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Wait', Seconds: 3600, End: true } } });

/** Item k=0 fails after the gate; k=1 runs a Parallel (approval + wait); k=2 runs an inline Map of waits. */
const def = {
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 0, Next: 'Unreachable',
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Hold' }],
      ItemProcessor: {
        StartAt: 'Which',
        States: {
          Which: { Type: 'Choice', Choices: [{ Variable: '$.k', NumericEquals: 0, Next: 'T' }, { Variable: '$.k', NumericEquals: 1, Next: 'P' }], Default: 'IM' },
          T: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true },
          P: {
            Type: 'Parallel', End: true,
            Branches: [
              { StartAt: 'Ask', States: { Ask: { Type: 'Task', Resource: APPROVAL_RESOURCE, Parameters: { 'Token.$': '$$.Task.Token' }, End: true } } },
              hour('BranchWait'),
            ],
          },
          IM: { Type: 'Map', ItemsPath: '$.inner', End: true, ItemProcessor: hour('InnerWait') },
        },
      },
    },
    Unreachable: { Type: 'Pass', End: true },
    Hold: { Type: 'Wait', Seconds: 3600, End: true },
  },
};

const aborted = (events: readonly StoredHistoryEvent[]) => events
  .filter((e) => e.type === 'MapIterationAborted')
  .map((e) => (e as unknown as { mapIterationAbortedEventDetails: { name: string; index: number } }).mapIterationAbortedEventDetails);

describe('aborting nested children', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a failed Map aborts a Parallel and a Map nested in its running iterations', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    h = await harness({ integrations: { handlers: { [LAMBDA]: async () => { await gate; throw new StatesError('Boom', 'item 0'); } } } });
    const arn = await h.start('nestabort', def, { items: [{ k: 0 }, { k: 1 }, { k: 2, inner: ['a', 'b'] }] });
    const waiting = await until(async () => (await h.engine.listWaitingTasks({ executionArn: arn })).items[0]);
    await until(async () => ((await h.history(arn)).filter((e) => e.type === 'WaitStateEntered').length >= 3 ? true : undefined));
    release();
    await until(async () => ((await h.history(arn)).some((e) => e.type === 'WaitStateEntered' && JSON.stringify(e).includes('"Hold"')) ? true : undefined));

    const events = await h.history(arn);
    assertContiguous(events);
    const ab = aborted(events);
    expect(ab.filter((d) => d.name === 'M').map((d) => d.index).sort()).toEqual([1, 2]);
    expect(ab.filter((d) => d.name === 'IM').map((d) => d.index).sort()).toEqual([0, 1]);
    // outer iteration first, then the iterations nested in it, all before the Map's failure
    const outer2 = events.findIndex((e) => e.type === 'MapIterationAborted' && JSON.stringify(e).includes('"index":2') && JSON.stringify(e).includes('"M"'));
    const inner = events.findIndex((e) => e.type === 'MapIterationAborted' && JSON.stringify(e).includes('"IM"'));
    expect(outer2).toBeLessThan(inner);
    expect(inner).toBeLessThan(events.findIndex((e) => e.type === 'MapStateFailed'));

    // the nested Parallel's approval is over: its token gets TaskTimedOut, it is no longer listed
    await expect(h.engine.sendTaskSuccess(waiting.taskToken, '{}')).rejects.toMatchObject({ code: 'TaskTimedOut' });
    expect((await h.engine.listWaitingTasks({ executionArn: arn })).items).toHaveLength(0);

    // every frame under the Map is ended or dead; only the root's Hold timer is left
    const id = executionIdOf(arn) ?? '';
    const k = h.engine.core.keys;
    const frames = (await h.redis.smembers(k.frames(id))).filter((f) => f !== 'root');
    expect(frames.length).toBeGreaterThanOrEqual(7);
    for (const f of frames) {
      const [end, dead] = await h.redis.hmget(k.frame(id, f), 'end', 'dead');
      expect(end !== null || dead === '1', `frame ${f}`).toBe(true);
    }
    const timers = Object.keys(await h.redis.hgetall(k.execTimers(id))).map((m) => parseTimerMember(m)?.frame);
    expect(timers).toEqual(['root']);

    // nothing more happens under the aborted iterations: the Hold timer is the only one to fire
    expect(await h.engine.fireTimerNow(arn)).toBe(true);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.history(arn)).slice(events.length).map((e) => e.type)).toEqual(['WaitStateExited', 'ExecutionSucceeded']);
  });
  it('a Distributed Map nested in an aborted iteration has its run and child executions ABORTED', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    h = await harness({ integrations: { handlers: { [LAMBDA]: async () => { await gate; throw new StatesError('Boom', 'item 0'); } } } });
    const nested = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', Next: 'Hold', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Hold' }],
          ItemProcessor: {
            StartAt: 'Which',
            States: {
              Which: { Type: 'Choice', Choices: [{ Variable: '$.k', NumericEquals: 0, Next: 'T' }], Default: 'DM' },
              T: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true },
              DM: { Type: 'Map', ItemsPath: '$.inner', End: true, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...hour('DistWait') } },
            },
          },
        },
      },
    };
    (nested.States as Record<string, object>).Hold = { Type: 'Wait', Seconds: 3600, End: true };
    const arn = await h.start('nestdist', nested, [{ k: 0 }, { k: 1, inner: [1, 2] }]);
    const runArn = await until(async () => (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn);
    await until(async () => ((await h.engine.listExecutions({ mapRunArn: runArn })).items.length === 2 ? true : undefined));
    release();
    // the Map's failure is caught: the execution keeps running, so the run's end is its own
    await until(async () => ((await h.history(arn)).some((e) => e.type === 'WaitStateEntered') ? true : undefined));
    expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');
    const run = await h.engine.describeMapRun(runArn);
    expect(run.status).toBe('ABORTED');
    expect(run.itemCounts.aborted).toBe(2);
    expect((await h.engine.listExecutions({ mapRunArn: runArn })).items.map((e) => e.status)).toEqual(['ABORTED', 'ABORTED']);
    assertContiguous(await h.history(arn));
  });
});

/**
 * However its parent execution ends while a Distributed Map child execution still runs (the
 * parent's TimeoutSeconds, a Fail in a Parallel branch beside the Map, its state machine deleted,
 * StopExecution), the child ends ABORTED with ExecutionAborted closing its own history (contiguous
 * ids) and its map run item record ABORTED; an inline Map running inside the child gets its
 * MapIterationAborted events in the child's history, as at the top level, before that close.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { arns } from '@stepwise/protocol';
import { assertContiguous, harness, SCOPE, until, type Harness } from './harness.js';
import { executionIdOf } from '../src/ids.js';
import type { StoredHistoryEvent } from '../src/facade.js';

const types = (events: readonly StoredHistoryEvent[]) => events.map((e) => e.type);
const hour = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Wait', Seconds: 3600, End: true } } });

/** A Distributed Map whose items wait an hour; an item with `inner` runs an inline Map of waits first. */
const dmap = {
  Type: 'Map', End: true,
  ItemProcessor: {
    ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
    StartAt: 'Which',
    States: {
      Which: { Type: 'Choice', Choices: [{ Variable: '$.inner', IsPresent: true, Next: 'IM' }], Default: 'W' },
      W: { Type: 'Wait', Seconds: 3600, End: true },
      IM: { Type: 'Map', ItemsPath: '$.inner', End: true, ItemProcessor: hour('InnerWait') },
    },
  },
};
const ITEMS = [{ n: 0 }, { n: 1, inner: ['a', 'b'] }];

describe('a Distributed Map child execution when its parent ends', () => {
  let h: Harness;
  afterEach(async () => h.close());

  async function children(arn: string) {
    const runArn = await until(async () => (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn);
    return { runArn, items: (await h.engine.listExecutions({ mapRunArn: runArn })).items };
  }

  /** Waits until both children wait: item 0 in W, item 1's two inner iterations in InnerWait. */
  async function running(arn: string) {
    return until(async () => {
      const c = await children(arn);
      if (c.items.length < 2) return undefined;
      const [a, b] = await Promise.all(c.items.map((i) => h.history(i.executionArn)));
      return types(a ?? []).includes('WaitStateEntered') && types(b ?? []).filter((t) => t === 'WaitStateEntered').length === 2 ? c : undefined;
    });
  }

  /** Both children ABORTED, their histories closed, item records ABORTED with their stop date. */
  async function expectAborted(arn: string, c: Awaited<ReturnType<typeof children>>) {
    const [plain, nested] = c.items;
    for (const it of [plain, nested]) {
      const d = await h.engine.describeExecution(it?.executionArn ?? '');
      expect(d.status).toBe('ABORTED');
      expect(d.stopDate).toBeDefined();
    }
    const a = await h.history(plain?.executionArn ?? '');
    assertContiguous(a);
    expect(types(a)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'WaitStateEntered', 'ExecutionAborted']);
    expect(a.at(-1)?.previousEventId).toBe(4);
    const b = await h.history(nested?.executionArn ?? '');
    assertContiguous(b);
    expect(types(b).slice(-3)).toEqual(['MapIterationAborted', 'MapIterationAborted', 'ExecutionAborted']);
    const aborted = b.filter((e) => e.type === 'MapIterationAborted')
      .map((e) => (e as unknown as { mapIterationAbortedEventDetails: { name: string; index: number } }).mapIterationAbortedEventDetails);
    expect(aborted.sort((x, y) => x.index - y.index)).toEqual([{ name: 'IM', index: 0 }, { name: 'IM', index: 1 }]);
    expect(b.at(-1)?.previousEventId).toBe(b.at(-2)?.id);
    // the records themselves (not only their listing, which reads a closed run's items as ABORTED)
    const id = executionIdOf(arn) ?? '';
    const recs = await h.redis.hgetall(h.engine.core.keys.mapRunItems(id, c.runArn));
    expect(Object.values(recs).map((r) => (JSON.parse(r) as { st: string }).st)).toEqual(['ABORTED', 'ABORTED']);
    // the parent's history has none of the children's events
    expect(types(await h.history(arn)).filter((t) => t === 'MapIterationAborted' || t.startsWith('Choice'))).toEqual([]);
  }

  it('the parent timing out (its TimeoutSeconds) aborts them', async () => {
    h = await harness({ timeScale: 10 });
    const arn = await h.start('dmap-end-timeout', { StartAt: 'M', TimeoutSeconds: 5, States: { M: dmap } }, ITEMS);
    const c = await running(arn);
    expect((await h.waitDone(arn)).status).toBe('TIMED_OUT');
    await expectAborted(arn, c);
    expect((await h.engine.describeMapRun(c.runArn)).status).toBe('ABORTED');
  });

  it('a Fail in a Parallel branch beside the Map aborts them', async () => {
    h = await harness({ timeScale: 10 });
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel', End: true,
          Branches: [
            { StartAt: 'M', States: { M: dmap } },
            { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 5, Next: 'F' }, F: { Type: 'Fail', Error: 'Branch', Cause: 'failed' } } },
          ],
        },
      },
    };
    const arn = await h.start('dmap-end-parallel', def, ITEMS);
    const c = await running(arn);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    await expectAborted(arn, c);
  });

  it('the state machine being deleted aborts them', async () => {
    h = await harness({ timeScale: 10 });
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel', End: true,
          // the tick's transition is refused: the execution fails with States.Runtime
          Branches: [{ StartAt: 'M', States: { M: dmap } }, { StartAt: 'Tick', States: { Tick: { Type: 'Wait', Seconds: 5, End: true } } }],
        },
      },
    };
    const arn = await h.start('dmap-end-deleted', def, ITEMS);
    const c = await running(arn);
    expect(await h.engine.markStateMachineDeleted(arns.stateMachine(SCOPE, 'dmap-end-deleted'))).toBe(true);
    const d = await h.waitDone(arn);
    expect([d.status, d.error]).toEqual(['FAILED', 'States.Runtime']);
    await expectAborted(arn, c);
  });

  it('StopExecution aborts them', async () => {
    h = await harness();
    const arn = await h.start('dmap-end-stop', { StartAt: 'M', States: { M: dmap } }, ITEMS);
    const c = await running(arn);
    await h.engine.stopExecution(arn);
    await expectAborted(arn, c);
  });

  it('an inline Map inside a child records MapIterationAborted in the child when a sibling iteration fails', async () => {
    h = await harness({ timeScale: 10 });
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', End: true,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'IM',
            States: {
              IM: {
                Type: 'Map', End: true,
                ItemProcessor: {
                  StartAt: 'Which',
                  States: {
                    Which: { Type: 'Choice', Choices: [{ Variable: '$', StringEquals: 'bad', Next: 'Pause' }], Default: 'Long' },
                    Long: { Type: 'Wait', Seconds: 3600, End: true },
                    Pause: { Type: 'Wait', Seconds: 5, Next: 'Boom' },
                    Boom: { Type: 'Fail', Error: 'Bad', Cause: 'inner failed' },
                  },
                },
              },
            },
          },
        },
      },
    };
    const arn = await h.start('dmap-inner-fail', def, [['ok', 'bad']]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    const { items } = await children(arn);
    const d = await h.engine.describeExecution(items[0]?.executionArn ?? '');
    expect([d.status, d.error]).toEqual(['FAILED', 'Bad']);
    const events = await h.history(items[0]?.executionArn ?? '');
    assertContiguous(events);
    const ab = events.filter((e) => e.type === 'MapIterationAborted');
    expect(ab.map((e) => (e as unknown as { mapIterationAbortedEventDetails: unknown }).mapIterationAbortedEventDetails)).toEqual([{ name: 'IM', index: 0 }]);
    // after the failed iteration, before the Map's failure
    const failedAt = types(events).indexOf('MapIterationFailed');
    expect(failedAt).toBeGreaterThan(0);
    expect(events.indexOf(ab[0] as StoredHistoryEvent)).toBeGreaterThan(failedAt);
    expect(events.indexOf(ab[0] as StoredHistoryEvent)).toBeLessThan(types(events).indexOf('MapStateFailed'));
    expect(types(events).at(-1)).toBe('ExecutionFailed');
  });
});

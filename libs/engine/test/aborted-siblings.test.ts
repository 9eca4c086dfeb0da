/**
 * Siblings of a failed fan-out, and the children of a stopped execution: each running inline Map
 * iteration gets exactly one MapIterationAborted in the same commit, with contiguous ids; Parallel
 * branches get none (AWS shows only ParallelStateFailed).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StatesError } from '@stepwise/asl';
import { assertContiguous, harness, type Harness } from './harness.js';
import type { StoredHistoryEvent } from '../src/facade.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** Item 0 runs a (slow, failing) Task; every other item waits an hour. */
const mapDef = (items: number) => ({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', End: true, ItemsPath: '$.items', MaxConcurrency: 0,
      ItemProcessor: {
        StartAt: 'Which',
        States: {
          Which: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 0, Next: 'T' }], Default: 'Long' },
          T: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true },
          Long: { Type: 'Wait', Seconds: 3600, End: true },
        },
      },
    },
  },
  Comment: `${items} items`,
});

const aborted = (events: readonly StoredHistoryEvent[]) => events.filter((e) => e.type === 'MapIterationAborted');
const details = (e: StoredHistoryEvent) => (e as unknown as { mapIterationAbortedEventDetails: { name: string; index: number } }).mapIterationAbortedEventDetails;

async function untilEvents(h: Harness, arn: string, type: string, n: number): Promise<void> {
  const until = Date.now() + 5000;
  while ((await h.history(arn)).filter((e) => e.type === type).length < n) {
    if (Date.now() > until) throw new Error(`fewer than ${n} ${type}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('aborted siblings', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('an iteration failing the Map writes one MapIterationAborted per running sibling', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    h = await harness({
      integrations: { handlers: { [LAMBDA]: async () => { await gate; throw new StatesError('Boom', 'item 0'); } } },
    });
    const arn = await h.start('mapfail', mapDef(4), { items: [0, 1, 2, 3] });
    await untilEvents(h, arn, 'WaitStateEntered', 3);
    release();
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('Boom');
    const events = await h.history(arn);
    assertContiguous(events);
    const ab = aborted(events);
    expect(ab.map((e) => details(e).index).sort()).toEqual([1, 2, 3]);
    for (const e of ab) {
      expect(details(e).name).toBe('M');
      expect(Math.abs(Number(e.timestamp) - Date.now())).toBeLessThan(60_000);
    }
    const failedAt = events.findIndex((e) => e.type === 'MapIterationFailed');
    const mapFailedAt = events.findIndex((e) => e.type === 'MapStateFailed');
    expect(failedAt).toBeGreaterThan(0);
    for (const e of ab) {
      expect(e.id).toBeGreaterThan(events[failedAt]?.id ?? 0);
      expect(e.id).toBeLessThan(events[mapFailedAt]?.id ?? 0);
    }
  });

  it('StopExecution writes MapIterationAborted for each running iteration before ExecutionAborted', async () => {
    h = await harness();
    const arn = await h.start('mapstop', mapDef(3), { items: [1, 2, 3] });
    await untilEvents(h, arn, 'WaitStateEntered', 3);
    await h.engine.stopExecution(arn, 'Stopped', 'by test');
    const d = await h.waitDone(arn);
    expect(d.status).toBe('ABORTED');
    const events = await h.history(arn);
    assertContiguous(events);
    const ab = aborted(events);
    expect(ab.map((e) => details(e).index).sort()).toEqual([0, 1, 2]);
    expect(events.at(-1)?.type).toBe('ExecutionAborted');
    expect(events.at(-1)?.previousEventId).toBe(events.at(-2)?.id);
    // a stale job for an aborted iteration writes nothing more
    await new Promise((r) => setTimeout(r, 100));
    expect(await h.history(arn)).toHaveLength(events.length);
  });

  it('a failing Parallel branch aborts its sibling without iteration events', async () => {
    h = await harness();
    const arn = await h.start('parfail2', {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel', End: true,
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 3600, End: true } } },
            { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 0, Next: 'F' }, F: { Type: 'Fail', Error: 'Branch', Cause: 'failed' } } },
          ],
        },
      },
    });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    const events = await h.history(arn);
    assertContiguous(events);
    expect(aborted(events)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'ParallelStateFailed')).toHaveLength(1);
  });
});

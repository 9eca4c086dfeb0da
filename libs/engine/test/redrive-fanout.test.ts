/**
 * RedriveExecution of an execution that failed in a Parallel or Map: only the iterations and
 * branches that failed or were aborted run again; the others keep their results, are not called
 * again, and their history is not repeated. A Distributed Map's run is redriven.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StatesError, type Json } from '@stepwise/asl';
import { assertContiguous, harness, type Harness } from './harness.js';
import type { StoredHistoryEvent } from '../src/facade.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const task = (payload: object) => ({ Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', Payload: payload }, OutputPath: '$.Payload', End: true });
const count = (events: readonly StoredHistoryEvent[], type: string) => events.filter((e) => e.type === type).length;
const after = (events: readonly StoredHistoryEvent[], type: string) => events.slice(events.findIndex((e) => e.type === type));

/** Calls per key; a key in `failing` fails (after `delayMs`), a key in `stuck` never answers in the first attempt. */
function lambda(o: { failing: Set<string>; stuck?: Set<string>; delayMs?: number }) {
  const calls = new Map<string, number>();
  const handler = async (input: Json) => {
    const p = (input as { Payload: { key: string } }).Payload;
    calls.set(p.key, (calls.get(p.key) ?? 0) + 1);
    if (o.stuck?.delete(p.key)) await new Promise(() => undefined);
    if (o.failing.has(p.key)) {
      await new Promise((r) => setTimeout(r, o.delayMs ?? 0));
      throw new StatesError('Down', `item ${p.key}`);
    }
    return { Payload: { done: p.key } };
  };
  return { calls, handler };
}

describe('redrive of Parallel and Map states', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('an inline Map reruns only its failed and aborted iterations', async () => {
    const failing = new Set(['2']);
    const l = lambda({ failing, stuck: new Set(['3']), delayMs: 150 });
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const def = { StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'T', States: { T: task({ 'key.$': 'States.Format(\'{}\', $)' }) } } } } };
    const arn = await h.start('redrive-map', def, [0, 1, 2, 3]);
    const failed = await h.waitDone(arn);
    expect(failed.status).toBe('FAILED');
    const before = await h.history(arn);
    expect(count(before, 'MapIterationAborted')).toBe(1);

    failing.clear();
    await h.engine.redriveExecution(arn);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual(['0', '1', '2', '3'].map((k) => ({ done: k })));
    expect(Object.fromEntries(l.calls)).toEqual({ 0: 1, 1: 1, 2: 2, 3: 2 });
    const events = await h.history(arn);
    assertContiguous(events);
    const redriven = after(events, 'ExecutionRedriven');
    expect(count(redriven, 'MapStateEntered') + count(redriven, 'MapStateStarted') + count(redriven, 'MapIterationStarted')).toBe(0);
    expect(count(redriven, 'TaskScheduled')).toBe(2);
    expect(count(redriven, 'MapIterationSucceeded')).toBe(2);
    expect(redriven.map((e) => e.type).slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('a Parallel nested in a failed iteration reruns only its failed branch', async () => {
    const failing = new Set(['1b']);
    const l = lambda({ failing, delayMs: 150 });
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', End: true,
          ItemProcessor: {
            StartAt: 'Before',
            States: {
              Before: { Type: 'Pass', Next: 'P' },
              P: {
                Type: 'Parallel', End: true,
                Branches: [
                  { StartAt: 'A', States: { A: task({ 'key.$': 'States.Format(\'{}a\', $)' }) } },
                  { StartAt: 'B', States: { B: task({ 'key.$': 'States.Format(\'{}b\', $)' }) } },
                ],
              },
            },
          },
        },
      },
    };
    const arn = await h.start('redrive-par', def, [0, 1]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    failing.clear();
    await h.engine.redriveExecution(arn);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual([[{ done: '0a' }, { done: '0b' }], [{ done: '1a' }, { done: '1b' }]]);
    expect(Object.fromEntries(l.calls)).toEqual({ '0a': 1, '0b': 1, '1a': 1, '1b': 2 });
    const events = await h.history(arn);
    assertContiguous(events);
    const redriven = after(events, 'ExecutionRedriven');
    expect(count(redriven, 'PassStateEntered') + count(redriven, 'ParallelStateEntered')).toBe(0);
    expect(count(redriven, 'TaskScheduled')).toBe(1);
    expect(count(redriven, 'ParallelStateExited')).toBe(1);
    expect(count(redriven, 'MapIterationSucceeded')).toBe(1);
  });

  it('a Distributed Map redrives its map run: only failed items run again', async () => {
    const failing = new Set(['1']);
    const l = lambda({ failing });
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const def = {
      StartAt: 'M',
      States: { M: { Type: 'Map', End: true, ToleratedFailureCount: 0, MaxConcurrency: 1, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'T', States: { T: task({ 'key.$': 'States.Format(\'{}\', $)' }) } } } },
    };
    const arn = await h.start('redrive-dmap', def, [0, 1, 2]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    const runArn = (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn ?? '';
    const first = await h.engine.describeMapRun(runArn);
    expect(first.status).toBe('FAILED');
    expect(first.redriveCount).toBe(0);
    expect(first.itemCounts.succeeded).toBe(1);
    expect((await h.engine.listExecutions({ mapRunArn: runArn })).items.map((e) => e.status)).toEqual(['SUCCEEDED', 'FAILED']);

    failing.clear();
    const { redriveDate } = await h.engine.redriveExecution(arn);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual(['0', '1', '2'].map((k) => ({ done: k })));
    expect(Object.fromEntries(l.calls)).toEqual({ 0: 1, 1: 2, 2: 1 });
    const run = await h.engine.describeMapRun(runArn);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.redriveCount).toBe(1);
    expect(run.redriveDate).toBe(redriveDate);
    expect(run.itemCounts.succeeded).toBe(3);
    expect(run.itemCounts.total).toBe(3);
    const children = (await h.engine.listExecutions({ mapRunArn: runArn })).items;
    expect(children.map((e) => [e.status, e.redriveCount])).toEqual([['SUCCEEDED', 0], ['SUCCEEDED', 1], ['SUCCEEDED', 0]]);
    const redrivenChildren = (await h.engine.listExecutions({ mapRunArn: runArn, redriveFilter: 'REDRIVEN' })).items;
    expect(redrivenChildren.map((e) => e.name)).toEqual([children[1]?.name]);
    expect(redrivenChildren[0]?.redriveDate).toBe(redriveDate);
    expect(redrivenChildren[0]?.startDate).toBe(children[1]?.startDate);
    const events = await h.history(arn);
    assertContiguous(events);
    const redriven = after(events, 'ExecutionRedriven');
    expect(redriven[1]?.type).toBe('MapRunRedriven');
    expect((redriven[1] as unknown as { mapRunRedrivenEventDetails: unknown }).mapRunRedrivenEventDetails).toEqual({ mapRunArn: runArn, redriveCount: 1 });
    expect(count(redriven, 'MapRunStarted')).toBe(0);
    expect(redriven.map((e) => e.type).slice(-4)).toEqual(['MapRunSucceeded', 'MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });
  it('an execution stopped during a Map redrives the iterations it aborted', async () => {
    const l = lambda({ failing: new Set(), stuck: new Set(['2']) });
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const def = { StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'T', States: { T: task({ 'key.$': 'States.Format(\'{}\', $)' }) } } } } };
    const arn = await h.start('redrive-stop', def, [0, 1, 2]);
    for (const end = Date.now() + 5000; count(await h.history(arn), 'MapIterationSucceeded') < 2 || l.calls.get('2') !== 1;) {
      if (Date.now() > end) throw new Error('items 0 and 1 did not finish');
      await new Promise((r) => setTimeout(r, 10));
    }
    await h.engine.stopExecution(arn, 'Stopped', 'by test');
    expect((await h.engine.describeExecution(arn)).status).toBe('ABORTED');
    await h.engine.redriveExecution(arn);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual(['0', '1', '2'].map((k) => ({ done: k })));
    expect(Object.fromEntries(l.calls)).toEqual({ 0: 1, 1: 1, 2: 2 });
    assertContiguous(await h.history(arn));
  });
  it('an execution that timed out during a Map redrives the iterations still running', async () => {
    const l = lambda({ failing: new Set(), stuck: new Set(['1']) });
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } }, timeScale: 10 });
    const def = {
      StartAt: 'M', TimeoutSeconds: 1,
      States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'T', States: { T: task({ 'key.$': 'States.Format(\'{}\', $)' }) } } } },
    };
    const arn = await h.start('redrive-timeout', def, [0, 1]);
    expect((await h.waitDone(arn)).status).toBe('TIMED_OUT');
    await h.engine.redriveExecution(arn);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual([{ done: '0' }, { done: '1' }]);
    expect(Object.fromEntries(l.calls)).toEqual({ 0: 1, 1: 2 });
    const events = await h.history(arn);
    assertContiguous(events);
    expect(count(after(events, 'ExecutionRedriven'), 'MapIterationSucceeded')).toBe(1);
  });
  it('a Map whose failure was caught is not redriven when a later state failed', async () => {
    const failing = new Set(['1', 'after']);
    const l = lambda({ failing });
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', ItemsPath: '$.items', ResultPath: '$.r', Next: 'After',
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'After' }],
          ItemProcessor: { StartAt: 'T', States: { T: task({ 'key.$': 'States.Format(\'{}\', $)' }) } },
        },
        After: task({ key: 'after' }),
      },
    };
    const arn = await h.start('redrive-caught', def, { items: [0, 1] });
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    failing.clear();
    await h.engine.redriveExecution(arn);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ done: 'after' });
    expect(Object.fromEntries(l.calls)).toEqual({ 0: 1, 1: 1, after: 2 });
    const events = await h.history(arn);
    assertContiguous(events);
    expect(after(events, 'ExecutionRedriven').map((e) => e.type)).toEqual(['ExecutionRedriven', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
  });
  for (const mode of ['INLINE', 'DISTRIBUTED'] as const) {
    it(`redriven ${mode} Map iterations keep to MaxConcurrency`, async () => {
      const failing = new Set(['1', '2', '3']);
      let inFlight = 0;
      let maxInFlight = 0;
      const calls = new Map<string, number>();
      h = await harness({
        integrations: {
          handlers: {
            [LAMBDA]: async (input) => {
              const key = (input as { Payload: { key: string } }).Payload.key;
              calls.set(key, (calls.get(key) ?? 0) + 1);
              inFlight++;
              maxInFlight = Math.max(maxInFlight, inFlight);
              await new Promise((r) => setTimeout(r, 30));
              inFlight--;
              if (failing.has(key)) throw new StatesError('Down', key);
              return { Payload: { done: key } };
            },
          },
        },
      });
      const def = {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map', End: true, MaxConcurrency: 1, ToleratedFailureCount: 2,
            ItemProcessor: { ...(mode === 'DISTRIBUTED' ? { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } } : {}), StartAt: 'T', States: { T: task({ 'key.$': 'States.Format(\'{}\', $)' }) } },
          },
        },
      };
      const arn = await h.start(`redrive-max-${mode.toLowerCase()}`, def, [0, 1, 2, 3]);
      expect((await h.waitDone(arn)).status).toBe('FAILED');
      expect(maxInFlight).toBe(1);
      failing.clear();
      await h.engine.redriveExecution(arn);
      const d = await h.waitDone(arn);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output ?? '')).toEqual(['0', '1', '2', '3'].map((k) => ({ done: k })));
      expect(Object.fromEntries(calls)).toEqual({ 0: 1, 1: 2, 2: 2, 3: 2 });
      expect(maxInFlight).toBe(1);
      assertContiguous(await h.history(arn));
    });
  }

  it('UpdateMapRun starts the items a redrive queued', async () => {
    const failing = new Set(['1', '2', '3']);
    let inFlight = 0;
    let maxInFlight = 0;
    let release!: () => void;
    let gate: Promise<void> = Promise.resolve();
    h = await harness({
      integrations: {
        handlers: {
          [LAMBDA]: async (input) => {
            const key = (input as { Payload: { key: string } }).Payload.key;
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await gate;
            inFlight--;
            if (failing.has(key)) throw new StatesError('Down', key);
            return { Payload: { done: key } };
          },
        },
      },
    });
    const def = {
      StartAt: 'M',
      States: { M: { Type: 'Map', End: true, MaxConcurrency: 1, ToleratedFailureCount: 2, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'T', States: { T: task({ 'key.$': 'States.Format(\'{}\', $)' }) } } } },
    };
    const arn = await h.start('redrive-update', def, [0, 1, 2, 3]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    const runArn = (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn ?? '';
    failing.clear();
    maxInFlight = 0;
    gate = new Promise((r) => { release = r; });
    await h.engine.redriveExecution(arn);
    for (const end = Date.now() + 5000; inFlight < 1;) {
      if (Date.now() > end) throw new Error('no redriven item started');
      await new Promise((r) => setTimeout(r, 5));
    }
    const pending = (await h.engine.listExecutions({ mapRunArn: runArn, statusFilter: 'PENDING_REDRIVE' })).items;
    expect(pending).toHaveLength(2);
    const counts = (await h.engine.describeMapRun(runArn)).itemCounts;
    expect([counts.pendingRedrive, counts.pending, counts.running, counts.succeeded]).toEqual([2, 2, 1, 1]);
    await h.engine.updateMapRun(runArn, { maxConcurrency: 3 });
    for (const end = Date.now() + 5000; inFlight < 3;) {
      if (Date.now() > end) throw new Error(`only ${inFlight} items run after UpdateMapRun`);
      await new Promise((r) => setTimeout(r, 5));
    }
    release();
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect(maxInFlight).toBe(3);
  });
});

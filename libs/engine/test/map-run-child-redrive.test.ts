/**
 * A redriven parent redrives the unsuccessful child workflow executions of its Map Run as AWS
 * does: a STANDARD child continues from its failed state (the states it had passed are not run
 * again), its own history continuing with ExecutionRedriven, RUNNING at once or PENDING_REDRIVE
 * while MaxConcurrency holds it back; an EXPRESS child runs again from its start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StatesError, type Json } from '@stepwise/asl';
import { assertContiguous, harness, until, type Harness } from './harness.js';
import type { StoredHistoryEvent } from '../src/facade.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
const types = (events: readonly StoredHistoryEvent[]) => events.map((e) => e.type);
const call = (step: string, next?: string) => ({
  Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', Payload: { 'key.$': `States.Format('${step}-{}', $.n)`, 'n.$': '$.n' } }, OutputPath: '$.Payload',
  ...(next !== undefined ? { Next: next } : { End: true }),
});
const machine = (executionType: 'STANDARD' | 'EXPRESS', extra: object = {}) => ({
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', End: true, ...extra,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType }, StartAt: 'A', States: { A: call('a', 'B'), B: call('b') } },
    },
  },
});

/** Calls per key; keys in `failing` fail; a key in `held` waits for its release. */
function lambda() {
  const calls = new Map<string, number>();
  const failing = new Set<string>();
  const held = new Map<string, Promise<void>>();
  const handler = async (input: Json) => {
    const p = (input as { Payload: { key: string; n: number } }).Payload;
    calls.set(p.key, (calls.get(p.key) ?? 0) + 1);
    await held.get(p.key);
    if (failing.has(p.key)) throw new StatesError('Down', p.key);
    return { Payload: { n: p.n } };
  };
  return { calls, failing, held, handler };
}

describe('redrive of Distributed Map child executions', () => {
  let h: Harness;
  afterEach(async () => h.close());

  async function children(arn: string) {
    const runArn = (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn ?? '';
    return (await h.engine.listExecutions({ mapRunArn: runArn })).items;
  }

  it('a STANDARD child continues from its failed state; one queued by MaxConcurrency waits PENDING_REDRIVE', async () => {
    const l = lambda();
    l.failing.add('b-1').add('b-2');
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const arn = await h.start('dmap-redrive-standard', machine('STANDARD', { MaxConcurrency: 1, ToleratedFailureCount: 1 }), [{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    const first = await children(arn);
    expect(first.map((c) => c.status)).toEqual(['SUCCEEDED', 'FAILED', 'FAILED']);

    l.failing.clear();
    const release: Record<string, () => void> = {};
    for (const key of ['b-1', 'b-2']) l.held.set(key, new Promise<void>((r) => (release[key] = r)));
    const { redriveDate } = await h.engine.redriveExecution(arn);
    // item 1 runs its B again; item 2 waits for the slot, then runs
    await until(async () => ((l.calls.get('b-1') ?? 0) >= 2 ? true : undefined));
    expect((await children(arn)).map((c) => c.status)).toEqual(['SUCCEEDED', 'RUNNING', 'PENDING_REDRIVE']);
    release['b-1']?.();
    await until(async () => ((l.calls.get('b-2') ?? 0) >= 2 ? true : undefined));
    expect((await children(arn)).map((c) => c.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'RUNNING']);
    release['b-2']?.();
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');

    // what had succeeded is not called again
    expect(Object.fromEntries(l.calls)).toEqual({ 'a-0': 1, 'b-0': 1, 'a-1': 1, 'b-1': 2, 'a-2': 1, 'b-2': 2 });
    const after = await children(arn);
    expect(after.map((c) => [c.status, c.redriveCount])).toEqual([['SUCCEEDED', 0], ['SUCCEEDED', 1], ['SUCCEEDED', 1]]);
    for (const child of after.slice(1)) {
      const d = await h.engine.describeExecution(child.executionArn);
      expect(d).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, redriveDate });
      const events = await h.history(child.executionArn);
      assertContiguous(events);
      expect(types(events)).toEqual([
        'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
        'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed',
        'ExecutionRedriven', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
      ]);
      const redriven = events.find((e) => e.type === 'ExecutionRedriven');
      expect(redriven?.executionRedrivenEventDetails).toEqual({ redriveCount: 1 });
      expect(redriven?.previousEventId).toBe((redriven?.id ?? 0) - 1);
      // the re-run B follows the redrive, and its output is the child's
      expect(events.find((e) => e.id > (redriven?.id ?? 0) && e.type === 'TaskScheduled')?.previousEventId).toBe(redriven?.id);
      expect(JSON.parse(d.output ?? '')).toEqual({ n: Number(child.name.split('-').pop()) });
    }
  });

  it('a child that failed in an inline Map of its own redrives only the failed iteration, in its own history', async () => {
    const l = lambda();
    l.failing.add('in-y');
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const inner = { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', Payload: { 'key.$': "States.Format('in-{}', $)", n: 0 } }, End: true };
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', End: true,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'IM',
            States: { IM: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'T', States: { T: inner } } } },
          },
        },
      },
    };
    const arn = await h.start('dmap-redrive-nested', def, [['x', 'y']]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    l.failing.clear();
    await h.engine.redriveExecution(arn);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect(Object.fromEntries(l.calls)).toEqual({ 'in-x': 1, 'in-y': 2 });
    const child = (await children(arn))[0]?.executionArn ?? '';
    const events = await h.history(child);
    assertContiguous(events);
    const rest = types(events).slice(types(events).indexOf('ExecutionRedriven'));
    expect(rest.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(1);
    expect(rest.at(-1)).toBe('ExecutionSucceeded');
    expect(types(await h.history(arn)).filter((t) => t.startsWith('Task') || t.startsWith('MapIteration'))).toEqual([]);
  });

  it('an EXPRESS child runs again from its start', async () => {
    const l = lambda();
    l.failing.add('b-1');
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const arn = await h.start('dmap-redrive-express', machine('EXPRESS'), [{ n: 0 }, { n: 1 }]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    l.failing.clear();
    await h.engine.redriveExecution(arn);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect(Object.fromEntries(l.calls)).toEqual({ 'a-0': 1, 'b-0': 1, 'a-1': 2, 'b-1': 2 });
    const child = (await children(arn))[1]?.executionArn ?? '';
    const events = await h.history(child);
    assertContiguous(events);
    expect(types(events).slice(types(events).indexOf('ExecutionRedriven'))).toEqual([
      'ExecutionRedriven', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited',
      'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
  });

  it('a StopExecution closes a child still queued PENDING_REDRIVE, its own history included', async () => {
    const l = lambda();
    l.failing.add('b-1').add('b-2');
    h = await harness({ integrations: { handlers: { [LAMBDA]: l.handler } } });
    const arn = await h.start('dmap-redrive-stop', machine('STANDARD', { MaxConcurrency: 1, ToleratedFailureCount: 1 }), [{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    l.failing.clear();
    l.held.set('b-1', new Promise<void>(() => undefined));
    await h.engine.redriveExecution(arn);
    await until(async () => ((l.calls.get('b-1') ?? 0) >= 2 ? true : undefined));
    expect((await children(arn)).map((c) => c.status)).toEqual(['SUCCEEDED', 'RUNNING', 'PENDING_REDRIVE']);
    await h.engine.stopExecution(arn);
    const after = await children(arn);
    expect(after.map((c) => c.status)).toEqual(['SUCCEEDED', 'ABORTED', 'ABORTED']);
    for (const c of after.slice(1)) {
      const events = await h.history(c.executionArn);
      assertContiguous(events);
      expect(types(events).at(-1)).toBe('ExecutionAborted');
    }
  });
});

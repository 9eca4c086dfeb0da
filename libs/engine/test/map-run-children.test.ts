/**
 * The child workflow executions of a Distributed Map run are executions of their own for
 * DescribeExecution and GetExecutionHistory: their input, result and status, their own history
 * (ExecutionStarted with the item, the item's state events, ExecutionSucceeded/Failed/Aborted),
 * kept after the run's join closed, through a redrive (ExecutionRedriven), and none of it in the
 * parent's history.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StatesError, type Json } from '@stepwise/asl';
import { assertContiguous, harness, until, type Harness } from './harness.js';
import { EngineError, type StoredHistoryEvent } from '../src/facade.js';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
/** A Distributed Map whose items each call the Lambda handler once with `key` = the item as text. */
const keyedLambdaMap = {
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', End: true,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'T',
        States: { T: { Type: 'Task', Resource: LAMBDA, Parameters: { FunctionName: 'f', Payload: { 'key.$': 'States.Format(\'{}\', $)' } }, OutputPath: '$.Payload', End: true } },
      },
    },
  },
};
const types = (events: readonly StoredHistoryEvent[]) => events.map((e) => e.type);

describe('Distributed Map child executions', () => {
  let h: Harness;
  afterEach(async () => h.close());

  async function children(arn: string) {
    const runArn = (await h.engine.listMapRuns(arn, {})).items[0]?.mapRunArn ?? '';
    return { runArn, items: (await h.engine.listExecutions({ mapRunArn: runArn })).items };
  }

  it('describes a succeeded and a tolerated failed child and pages their own histories', async () => {
    h = await harness();
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', End: true, ToleratedFailureCount: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Check',
            States: {
              Check: { Type: 'Choice', Choices: [{ Variable: '$.fail', IsPresent: true, Next: 'Boom' }], Default: 'Double' },
              Double: { Type: 'Pass', Parameters: { 'twice.$': 'States.MathAdd($.n, $.n)' }, End: true },
              Boom: { Type: 'Fail', Error: 'Bad', Cause: 'item failed' },
            },
          },
        },
      },
    };
    const arn = await h.start('dmap-children', def, [{ n: 1 }, { n: 2, fail: true }, { n: 3 }]);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    const { runArn, items } = await children(arn);
    expect(items.map((e) => e.status)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);

    const ok = await h.engine.describeExecution(items[0]?.executionArn ?? '');
    expect(ok).toMatchObject({
      executionArn: items[0]?.executionArn, stateMachineArn: items[0]?.stateMachineArn, name: items[0]?.name, mapRunArn: runArn,
      status: 'SUCCEEDED', startDate: items[0]?.startDate, stopDate: items[0]?.stopDate, redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(ok.stateMachineArn).toMatch(/:stateMachine:dmap-children\/M$/);
    expect(JSON.parse(ok.input)).toEqual({ n: 1 });
    expect(JSON.parse(ok.output ?? '')).toEqual({ twice: 2 });
    // the map run's definition: its ItemProcessor
    expect((JSON.parse(ok.definition) as { StartAt: string }).StartAt).toBe('Check');

    const bad = await h.engine.describeExecution(items[1]?.executionArn ?? '');
    expect(bad).toMatchObject({ status: 'FAILED', error: 'Bad', cause: 'item failed', redriveStatus: 'REDRIVABLE_BY_MAP_RUN', mapRunArn: runArn });
    expect(bad.output).toBeUndefined();
    expect(JSON.parse(bad.input)).toEqual({ n: 2, fail: true });

    const okEvents = await h.history(items[0]?.executionArn ?? '');
    assertContiguous(okEvents);
    expect(types(okEvents)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'PassStateEntered', 'PassStateExited', 'ExecutionSucceeded']);
    expect(okEvents[0]?.previousEventId).toBe(0);
    expect(JSON.parse((okEvents[0]?.executionStartedEventDetails as { input: string }).input)).toEqual({ n: 1 });
    expect(JSON.parse((okEvents[5]?.executionSucceededEventDetails as { output: string }).output)).toEqual({ twice: 2 });

    const badEvents = await h.history(items[1]?.executionArn ?? '');
    assertContiguous(badEvents);
    expect(types(badEvents)).toEqual(['ExecutionStarted', 'ChoiceStateEntered', 'ChoiceStateExited', 'FailStateEntered', 'ExecutionFailed']);
    expect(badEvents[4]?.executionFailedEventDetails).toEqual({ error: 'Bad', cause: 'item failed' });

    // paged, and in reverse
    const page = await h.engine.getExecutionHistory(items[0]?.executionArn ?? '', { maxResults: 4, reverseOrder: true });
    expect(page.items.map((e) => e.id)).toEqual([6, 5, 4, 3]);
    const rest = await h.engine.getExecutionHistory(items[0]?.executionArn ?? '', { maxResults: 4, reverseOrder: true, ...(page.nextToken !== undefined ? { nextToken: page.nextToken } : {}) });
    expect(rest.items.map((e) => e.id)).toEqual([2, 1]);

    // the parent's history has none of the children's events
    const parent = await h.history(arn);
    assertContiguous(parent);
    expect(types(parent).filter((t) => t.startsWith('Choice') || t.startsWith('Pass') || t.startsWith('Fail'))).toEqual([]);

    // an item the run does not have is no execution
    const missing = (items[0]?.executionArn ?? '').replace(/-0$/, '-7');
    await expect(h.engine.describeExecution(missing)).rejects.toThrow(EngineError);
    await expect(h.engine.getExecutionHistory(missing, {})).rejects.toMatchObject({ code: 'ExecutionDoesNotExist' });
    // nor is the same run id and item under another state machine name or account
    const real = items[0]?.executionArn ?? '';
    await h.engine.describeExecution(real);
    for (const other of [real.replace(':execution:', ':execution:other'), real.replace(/:\d{12}:/, ':000000000000:')]) {
      await expect(h.engine.describeExecution(other)).rejects.toMatchObject({ code: 'ExecutionDoesNotExist' });
    }
  });

  it('StopExecution of the parent closes a running child execution with ExecutionAborted', async () => {
    h = await harness();
    const def = {
      StartAt: 'M',
      States: { M: { Type: 'Map', End: true, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } } } },
    };
    const arn = await h.start('dmap-children-stop', def, [0]);
    const child = await until(async () => {
      const c = await children(arn).catch(() => undefined);
      const e = c?.items[0];
      return e !== undefined && types(await h.history(e.executionArn)).includes('WaitStateEntered') ? e : undefined;
    });
    await h.engine.stopExecution(arn);
    const d = await h.engine.describeExecution(child.executionArn);
    expect(d.status).toBe('ABORTED');
    const events = await h.history(child.executionArn);
    assertContiguous(events);
    expect(types(events)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted']);
  });

  it('an aborted child ends with ExecutionAborted; a redriven child continues its history with ExecutionRedriven', async () => {
    const failing = new Set(['1']);
    // item 2 is still running when item 1 fails; its call ends (late, ignored) before the redrive,
    // whose fresh run of the item reuses the first run's task job id
    let slowCall: Promise<unknown> = Promise.resolve();
    const slow = new Set(['2']);
    h = await harness({
      integrations: {
        handlers: {
          [LAMBDA]: async (input: Json) => {
            const key = (input as { Payload: { key: string } }).Payload.key;
            if (slow.delete(key)) await (slowCall = new Promise((r) => setTimeout(r, 800)));
            if (failing.has(key)) {
              await new Promise((r) => setTimeout(r, 150));
              throw new StatesError('Down', `item ${key}`);
            }
            return { Payload: { done: key } };
          },
        },
      },
    });
    const def = keyedLambdaMap;
    const arn = await h.start('dmap-children-redrive', def, [0, 1, 2]);
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    const first = await children(arn);
    expect(first.items.map((e) => e.status)).toEqual(['SUCCEEDED', 'FAILED', 'ABORTED']);
    const abortedArn = first.items[2]?.executionArn ?? '';
    expect((await h.engine.describeExecution(abortedArn)).status).toBe('ABORTED');
    // its call was still out: the engine records TaskStarted with the call's answer, which never came
    expect(types(await h.history(abortedArn))).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'ExecutionAborted']);
    const failedArn = first.items[1]?.executionArn ?? '';
    expect(await h.engine.describeExecution(failedArn)).toMatchObject({ status: 'FAILED', error: 'Down', cause: 'item 1' });

    failing.clear();
    await slowCall;
    await new Promise((r) => setTimeout(r, 100));
    const { redriveDate } = await h.engine.redriveExecution(arn);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    const d = await h.engine.describeExecution(failedArn);
    expect(d).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, redriveDate, redriveStatus: 'NOT_REDRIVABLE', startDate: first.items[1]?.startDate });
    expect(JSON.parse(d.output ?? '')).toEqual({ done: '1' });
    const events = await h.history(failedArn);
    assertContiguous(events);
    expect(types(events)).toEqual([
      'ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskFailed', 'ExecutionFailed',
      // redriven at its failed state (as an inline iteration is): the Task is scheduled again
      'ExecutionRedriven', 'TaskScheduled', 'TaskStarted', 'TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded',
    ]);
    expect(events.find((e) => e.type === 'ExecutionRedriven')?.executionRedrivenEventDetails).toEqual({ redriveCount: 1 });
    const again = await h.history(abortedArn);
    assertContiguous(again);
    expect(types(again).slice(3, 5)).toEqual(['ExecutionAborted', 'ExecutionRedriven']);
    expect(types(again).at(-1)).toBe('ExecutionSucceeded');
  });

  it('a redriven child dispatches its task again while the first run\'s call is still in flight', async () => {
    // item 1 fails at once; item 2's first call is still running when the redrive reruns it from
    // its start at the same frame versions: its task job must not be taken for the first one's
    const calls = new Map<string, number>();
    let failing = true;
    let releaseFirst: () => void = () => undefined;
    const firstCall = new Promise<void>((r) => (releaseFirst = r));
    h = await harness({
      integrations: {
        handlers: {
          [LAMBDA]: async (input: Json) => {
            const key = (input as { Payload: { key: string } }).Payload.key;
            const n = (calls.get(key) ?? 0) + 1;
            calls.set(key, n);
            if (key === '2' && n === 1) await firstCall;
            if (key === '1' && failing) throw new StatesError('Down', 'item 1');
            return { Payload: { done: key } };
          },
        },
      },
    });
    const def = keyedLambdaMap;
    const arn = await h.start('dmap-children-inflight', def, [0, 1, 2]);
    try {
      expect((await h.waitDone(arn)).status).toBe('FAILED');
      expect(calls.get('2')).toBe(1);
      failing = false;
      await h.engine.redriveExecution(arn);
      // the rerun's call happens while the first one still hangs
      await until(async () => ((calls.get('2') ?? 0) >= 2 ? true : undefined), 5000);
      expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
      releaseFirst();
      const child = (await children(arn)).items[2]?.executionArn ?? '';
      const events = await h.history(child);
      assertContiguous(events);
      expect(types(events).at(-1)).toBe('ExecutionSucceeded');
    } finally {
      releaseFirst();
    }
  });

  it('the first run\'s late answer is not taken for the redriven child\'s own task', async () => {
    const calls = new Map<string, number>();
    let failing = true;
    let releaseFirst: () => void = () => undefined;
    const firstCall = new Promise<void>((r) => (releaseFirst = r));
    let releaseSecond: () => void = () => undefined;
    const secondCall = new Promise<void>((r) => (releaseSecond = r));
    h = await harness({
      integrations: {
        handlers: {
          [LAMBDA]: async (input: Json) => {
            const key = (input as { Payload: { key: string } }).Payload.key;
            const n = (calls.get(key) ?? 0) + 1;
            calls.set(key, n);
            if (key === '2' && n === 1) {
              await firstCall;
              return { Payload: { run: 'first' } };
            }
            if (key === '2' && n === 2) {
              await secondCall;
              return { Payload: { run: 'second' } };
            }
            if (key === '1' && failing) throw new StatesError('Down', 'item 1');
            return { Payload: { run: key } };
          },
        },
      },
    });
    const def = keyedLambdaMap;
    const arn = await h.start('dmap-children-late-answer', def, [0, 1, 2]);
    try {
      expect((await h.waitDone(arn)).status).toBe('FAILED');
      failing = false;
      await h.engine.redriveExecution(arn);
      await until(async () => ((calls.get('2') ?? 0) >= 2 ? true : undefined), 5000);
      // the first run's call answers while the rerun waits for its own
      releaseFirst();
      await new Promise((r) => setTimeout(r, 300));
      expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');
      releaseSecond();
      const d = await h.waitDone(arn);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output ?? 'null')).toEqual([{ run: '0' }, { run: '1' }, { run: 'second' }]);
    } finally {
      releaseFirst();
      releaseSecond();
    }
  });
});

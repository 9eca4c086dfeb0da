import { afterEach, describe, expect, it } from 'vitest';
import { StatesError } from '@stepwise/asl';
import { ManualClock } from '../src/clock.js';
import { assertContiguous, harness, type Harness } from './harness.js';

async function until(cond: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('Wait states as durable timers', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a one-year Wait fires when the manual clock reaches it, not before', async () => {
    const clock = new ManualClock();
    h = await harness({ clock });
    const arn = await h.start('year', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 31_536_000, Next: 'D' }, D: { Type: 'Pass', End: true } } }, { k: 1 });
    await until(async () => (await h.history(arn)).some((e) => e.type === 'WaitStateEntered'));
    clock.advance(31_536_000_000 - 1);
    await new Promise((r) => setTimeout(r, 100));
    expect((await h.engine.describeExecution(arn)).status).toBe('RUNNING');
    clock.advance(1);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ k: 1 });
    assertContiguous(await h.history(arn));
  });

  it('a real one-second Wait fires within tens of milliseconds of its due time', async () => {
    h = await harness();
    const t0 = Date.now();
    const arn = await h.start('sec', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } });
    const d = await h.waitDone(arn, 5000);
    expect(d.status).toBe('SUCCEEDED');
    const events = await h.history(arn);
    const entered = events.find((e) => e.type === 'WaitStateEntered');
    const exited = events.find((e) => e.type === 'WaitStateExited');
    expect(entered && exited).toBeTruthy();
    const lateness = (exited?.timestamp ?? 0) - (entered?.timestamp ?? 0) - 1000;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(150);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
  });

  it('fireTimerNow fires the waiting timer at once', async () => {
    h = await harness({ timers: false });
    const arn = await h.start('now', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 86_400, End: true } } });
    await until(async () => (await h.history(arn)).some((e) => e.type === 'WaitStateEntered'));
    expect(await h.engine.fireTimerNow(arn)).toBe(true);
    expect((await h.waitDone(arn)).status).toBe('SUCCEEDED');
    expect(await h.engine.fireTimerNow(arn)).toBe(false);
  });

  it('STEPWISE_TIME_SCALE divides Wait durations', async () => {
    h = await harness({ timeScale: 3600 });
    const arn = await h.start('scaled', { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } });
    const t0 = Date.now();
    expect((await h.waitDone(arn, 5000)).status).toBe('SUCCEEDED');
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('the state machine TimeoutSeconds times the execution out', async () => {
    h = await harness({ timeScale: 10 });
    const arn = await h.start('tmo', { StartAt: 'W', TimeoutSeconds: 2, States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
    const d = await h.waitDone(arn, 5000);
    expect(d.status).toBe('TIMED_OUT');
    const events = await h.history(arn);
    expect(events.at(-1)?.type).toBe('ExecutionTimedOut');
    assertContiguous(events);
  });
});

describe('Retry and Catch', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('retries with back-off as durable timers, then succeeds', async () => {
    let calls = 0;
    const times: number[] = [];
    h = await harness({
      integrations: {
        handlers: {
          'arn:aws:states:::lambda:invoke': async () => {
            calls++;
            times.push(Date.now());
            if (calls < 3) throw new StatesError('Flaky', `attempt ${calls}`);
            return { ok: calls };
          },
        },
      },
    });
    const def = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 3 }], End: true } },
    };
    const arn = await h.start('retry', def);
    const d = await h.waitDone(arn, 10_000);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ ok: 3 });
    expect(calls).toBe(3);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(2000);
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.filter((e) => e.type === 'TaskFailed')).toHaveLength(2);
  }, 20_000);

  it('Catch routes a failure to its handler state with the error output', async () => {
    h = await harness({ integrations: { handlers: { 'arn:aws:states:::lambda:invoke': async () => { throw new StatesError('Bad', 'no'); } } } });
    const def = {
      StartAt: 'T',
      States: {
        T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'H' }], End: true },
        H: { Type: 'Pass', End: true },
      },
    };
    const arn = await h.start('catch', def, { a: 1 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ a: 1, err: { Error: 'Bad', Cause: 'no' } });
  });
});

describe('RedriveExecution', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a failed execution resumes at the failed state, with RedriveCount in $$ and DescribeExecution', async () => {
    let fail = true;
    h = await harness({ integrations: { handlers: { 'arn:aws:states:::lambda:invoke': async (input) => { if (fail) throw new StatesError('Down', 'try later'); return input; } } } });
    const def = {
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Result: 1, ResultPath: '$.first', Next: 'Call' },
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', Payload: { 'rc.$': '$$.Execution.RedriveCount', 'first.$': '$.first' } }, OutputPath: '$.Payload', End: true },
      },
    };
    const arn = await h.start('redrive', def, {});
    expect((await h.waitDone(arn)).status).toBe('FAILED');
    await expect(h.engine.redriveExecution(`${arn}zz`)).rejects.toMatchObject({ code: 'ExecutionDoesNotExist' });
    fail = false;
    const { redriveDate } = await h.engine.redriveExecution(arn);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual({ rc: 1, first: 1 });
    expect(d.redriveCount).toBe(1);
    const listed = (await h.engine.listExecutions({ stateMachineArn: d.stateMachineArn, redriveFilter: 'REDRIVEN' })).items;
    expect(listed.map((e) => [e.executionArn, e.redriveCount, e.redriveDate])).toEqual([[arn, 1, redriveDate]]);
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.filter((e) => e.type === 'ExecutionRedriven')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'PassStateEntered')).toHaveLength(1);
    await expect(h.engine.redriveExecution(arn)).rejects.toMatchObject({ code: 'ExecutionNotRedrivable' });
  });
});

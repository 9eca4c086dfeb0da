import { describe, expect, it } from 'vitest';
import { compile, resume, startChild, startExecution, type Program, type StepContext } from '@stepwise/asl';

function program(definition: unknown): Program {
  const r = compile(definition);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.program;
}

function ctx(nextEventId: number, now = Date.UTC(2024, 0, 1)): StepContext {
  let n = 0;
  return {
    now,
    random: () => 0.5,
    uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    newTaskToken: () => 'token-1',
    nextEventId,
    execution: {
      id: 'arn:aws:states:us-east-1:123456789012:execution:M:e1',
      name: 'e1',
      startTime: '2024-01-01T00:00:00.000Z',
      roleArn: 'arn:aws:iam::123456789012:role/R',
      stateMachineId: 'arn:aws:states:us-east-1:123456789012:stateMachine:M',
      stateMachineName: 'M',
    },
  };
}

describe('the step API', () => {
  it('runs Pass and Choice states back to back and blocks on a task with its evaluated Parameters', async () => {
    const p = program({
      StartAt: 'P',
      States: {
        P: { Type: 'Pass', Result: { go: true }, ResultPath: '$.r', Next: 'C' },
        C: { Type: 'Choice', Choices: [{ Variable: '$.r.go', BooleanEquals: true, Next: 'T' }] },
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
          Parameters: { 'token.$': '$$.Task.Token', 'go.$': '$.r.go' },
          TimeoutSeconds: 30,
          HeartbeatSecondsPath: '$.hb',
          End: true,
        },
      },
    });
    const r = await startExecution(p, { hb: 5 }, ctx(1));
    expect(r.events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'TaskScheduled',
    ]);
    expect(r.events.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.events.map((e) => e.previousEventId)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(r.blocked).toMatchObject({
      kind: 'task',
      resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      pattern: 'waitForTaskToken',
      input: { token: 'token-1', go: true },
      taskToken: 'token-1',
      timeoutSeconds: 30,
      heartbeatSeconds: 5,
      stateName: 'T',
      attempt: 1,
    });
    expect(r.events[6]?.['taskScheduledEventDetails']).toMatchObject({ resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', timeoutInSeconds: 30 });
    // the frame is plain JSON: it survives a round trip through text
    const frame = JSON.parse(JSON.stringify(r.frame));
    const started = await resume(p, frame, { kind: 'taskStarted' }, ctx(8));
    expect(started.events.map((e) => e.type)).toEqual(['TaskStarted']);
    expect(started.blocked.kind).toBe('task');
    const done = await resume(p, started.frame, { kind: 'taskSucceeded', output: { ok: 1 } }, ctx(9));
    expect(done.events.map((e) => e.type)).toEqual(['TaskSucceeded', 'TaskStateExited', 'ExecutionSucceeded']);
    expect(done.blocked).toEqual({ kind: 'succeeded', output: { ok: 1 } });
    expect(frame.state).toBe('T'); // resume did not mutate its argument
  });

  it('a zero-second Wait does not block; a positive one blocks on a timer until now + Seconds', async () => {
    const p = program({ StartAt: 'Z', States: { Z: { Type: 'Wait', Seconds: 0, Next: 'W' }, W: { Type: 'Wait', Seconds: 86400, End: true } } });
    const now = Date.UTC(2024, 0, 1);
    const r = await startExecution(p, {}, ctx(1, now));
    expect(r.blocked).toEqual({ kind: 'timer', until: now + 86_400_000, reason: 'wait' });
    const done = await resume(p, r.frame, { kind: 'timerFired' }, ctx(1 + r.events.length, now + 86_400_000));
    expect(done.blocked).toEqual({ kind: 'succeeded', output: {} });
    expect(done.events.map((e) => e.type)).toEqual(['WaitStateExited', 'ExecutionSucceeded']);
  });

  it('a Parallel spawns one child per branch; each child runs from its scope and the join applies ResultPath', async () => {
    const p = program({
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          ResultPath: '$.out',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Result: 'a', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
          ],
          End: true,
        },
      },
    });
    const r = await startExecution(p, { x: 1 }, ctx(1));
    expect(r.blocked.kind).toBe('parallel');
    if (r.blocked.kind !== 'parallel') return;
    const spawn = r.blocked.spawn;
    expect(spawn.scopes).toEqual(['/States/Fan/Branches/0', '/States/Fan/Branches/1']);
    expect(spawn.parentEventId).toBe(3);
    const b1 = await startChild(p, spawn, 1, ctx(10));
    expect(b1.blocked).toEqual({ kind: 'succeeded', output: 'b' });
    expect(b1.events[0]?.previousEventId).toBe(3);
    const joined = await resume(p, r.frame, { kind: 'childrenSucceeded', results: ['a', 'b'] }, ctx(20));
    expect(joined.blocked).toEqual({ kind: 'succeeded', output: { x: 1, out: ['a', 'b'] } });
  });

  it('a Map iteration frame writes MapIterationStarted/Succeeded around its states', async () => {
    const p = program({
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } },
    });
    const r = await startExecution(p, [1, 2], ctx(1));
    if (r.blocked.kind !== 'map') throw new Error('expected a map block');
    expect(r.blocked).toMatchObject({ maxConcurrency: 0, mode: 'INLINE' });
    const child = await startChild(p, r.blocked.spawn, 1, ctx(10));
    expect(child.events.map((e) => [e.type, e['mapIterationStartedEventDetails'] ?? e['mapIterationSucceededEventDetails'] ?? null])).toEqual([
      ['MapIterationStarted', { name: 'M', index: 1 }],
      ['PassStateEntered', null],
      ['PassStateExited', null],
      ['MapIterationSucceeded', { name: 'M', index: 1 }],
    ]);
  });

  it('an execution timeout signal on the root ends it with ExecutionTimedOut', async () => {
    const p = program({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
    const r = await startExecution(p, {}, ctx(1));
    const t = await resume(p, r.frame, { kind: 'timedOut', error: 'States.Timeout' }, ctx(4));
    expect(t.blocked).toMatchObject({ kind: 'timedOut', error: 'States.Timeout' });
    expect(t.events.map((e) => e.type)).toEqual(['ExecutionTimedOut']);
  });

  it('an aborted signal (StopExecution) writes the state abort and ExecutionAborted', async () => {
    const p = program({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
    const r = await startExecution(p, {}, ctx(1));
    const a = await resume(p, r.frame, { kind: 'aborted', error: 'Stop', cause: 'by user' }, ctx(4));
    expect(a.blocked).toEqual({ kind: 'aborted', error: 'Stop', cause: 'by user' });
    expect(a.events.map((e) => e.type)).toEqual(['WaitStateAborted', 'ExecutionAborted']);
    expect(a.events[1]?.['executionAbortedEventDetails']).toEqual({ error: 'Stop', cause: 'by user' });
    // a late signal for the ended frame changes nothing
    const late = await resume(p, a.frame, { kind: 'timerFired' }, ctx(6));
    expect(late.events).toEqual([]);
  });

  it('a task timeout signal fails the task with States.Timeout, which Retry then handles', async () => {
    const p = program({
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'r', TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 2, MaxAttempts: 1 }], End: true } },
    });
    const r = await startExecution(p, {}, ctx(1));
    const t = await resume(p, r.frame, { kind: 'timedOut', error: 'States.Timeout' }, ctx(4));
    expect(t.events.map((e) => e.type)).toEqual(['TaskTimedOut']);
    expect(t.blocked).toEqual({ kind: 'timer', until: Date.UTC(2024, 0, 1) + 2000, reason: 'retry' });
    const again = await resume(p, t.frame, { kind: 'timerFired' }, ctx(5));
    expect(again.blocked).toMatchObject({ kind: 'task', attempt: 2 });
    expect(again.events.map((e) => e.type)).toEqual(['TaskScheduled']);
  });

  it('a signal that does not fit the frame (duplicate timer, late task result) is a no-op', async () => {
    const w = program({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } });
    const r = await startExecution(w, {}, ctx(1));
    const late = await resume(w, r.frame, { kind: 'taskSucceeded', output: 1 }, ctx(4));
    expect(late.events).toEqual([]);
    expect(late.blocked).toEqual(r.blocked);
    const t = program({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'r', End: true } } });
    const tr = await startExecution(t, {}, ctx(1));
    const dup = await resume(t, tr.frame, { kind: 'timerFired' }, ctx(4));
    expect(dup.events).toEqual([]);
    expect(dup.blocked).toEqual(tr.blocked);
  });

  it('compile reports diagnostics for an invalid definition instead of throwing', () => {
    const r = compile({ StartAt: 'Nope', States: {} });
    expect(r.ok).toBe(false);
  });
});

// runInMemory's `history: 'values'` (payloads as values, never serialised) must describe the same
// run as the full history, and the shortcuts behind it (payload size bound, the frame copy of
// resume, the Program's own copy of its definition) must change nothing a caller can see.
import { describe, expect, it } from 'vitest';
import { byteSize, compile, resume, runInMemory, startExecution, type HistoryEvent, type Json, type StepContext } from '@stepwise/asl';
import { fitsInBytes } from '../../src/json.js';

const PAYLOAD_FIELDS = new Set(['input', 'output', 'parameters']);

/** The values-mode events with every payload serialised, as the full history has it. */
function asText(events: readonly HistoryEvent[]): unknown[] {
  return events.map((e) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) {
      if (k.endsWith('EventDetails') && typeof v === 'object' && v !== null) {
        const d: Record<string, unknown> = {};
        for (const [dk, dv] of Object.entries(v)) d[dk] = PAYLOAD_FIELDS.has(dk) ? JSON.stringify(dv) : dv;
        out[k] = d;
      } else out[k] = v;
    }
    return out;
  });
}

const task = (next: string): Json => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'f', 'Payload.$': '$' },
  ResultSelector: { 'v.$': '$.Payload' },
  ResultPath: '$.r',
  Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1, IntervalSeconds: 1 }],
  Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Caught' }],
  Next: next,
});

const machines: Record<string, { definition: Json; input: Json }> = {
  'tasks with a retry and a catch': {
    definition: {
      StartAt: 'A',
      States: { A: task('B'), B: task('Done'), Done: { Type: 'Pass', Parameters: { 'r.$': '$.r', n: 'ü€😀' }, End: true }, Caught: { Type: 'Fail', Error: 'E' } },
    },
    input: { text: 'line\nbreak "quoted" ü', n: [1, 2.5, -0] },
  },
  'a Map and a Parallel': {
    definition: {
      StartAt: 'M',
      States: {
        M: { Type: 'Map', ItemsPath: '$.items', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, ResultPath: '$.m', Next: 'P' },
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'X', States: { X: { Type: 'Pass', Result: 1, End: true } } },
            { StartAt: 'Y', States: { Y: { Type: 'Fail', Error: 'Nope', Cause: 'no' } } },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Finish' }],
          End: true,
        },
        Finish: { Type: 'Succeed' },
      },
    },
    input: { items: [1, 'two', { three: 3 }] },
  },
  'an output over the payload limit': {
    definition: { StartAt: 'Big', States: { Big: { Type: 'Pass', Parameters: { 'a.$': '$.s', 'b.$': '$.s' }, End: true } } },
    input: { s: 'x'.repeat(150_000) },
  },
};

describe("runInMemory history: 'values'", () => {
  for (const [name, { definition, input }] of Object.entries(machines)) {
    it(`${name}: the same events, ids and details as the full history, payloads as values`, async () => {
      let calls = 0;
      const taskHandler = (): { kind: 'failed'; error: string; cause: string } | { kind: 'succeeded'; output: Json } =>
        calls++ === 0 ? { kind: 'failed', error: 'Boom', cause: 'first try' } : { kind: 'succeeded', output: { ok: calls } };
      const full = await runInMemory(definition, input, { startTime: 0, seed: 1, taskHandler });
      calls = 0;
      const values = await runInMemory(definition, input, { startTime: 0, seed: 1, taskHandler, history: 'values' });
      expect(values.status).toBe(full.status);
      expect(values.output).toEqual(full.output);
      expect(values.cause).toBe(full.cause);
      expect(full.error, full.cause).not.toBe('InvalidDefinition');
      expect(full.events.length).toBeGreaterThanOrEqual(3);
      expect(asText(values.events)).toEqual(full.events);
    });
  }

  it('fails an oversized output with States.DataLimitExceeded in both modes', async () => {
    const { definition, input } = machines['an output over the payload limit']!;
    const r = await runInMemory(definition, input, { history: 'values' });
    expect(r).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });
});

describe('fitsInBytes', () => {
  it('agrees with the exact UTF-8 size of the serialisation at and around it', () => {
    const samples: Json[] = [
      null,
      true,
      -1.5e-7,
      '',
      'plain',
      'ü€😀\n\t"\\\u0001',
      '\ud800 lone',
      { a: [1, 'x', { 'k\u00e9y': null }], b: { c: 'é'.repeat(40) } },
      'x'.repeat(5000),
      ['ß'.repeat(3000), '\u0002'.repeat(200)],
    ];
    for (const v of samples) {
      const size = byteSize(JSON.stringify(v));
      for (const limit of [0, size - 1, size, size + 1, size * 3, size * 7]) {
        if (limit < 0) continue;
        expect(fitsInBytes(v, limit), `${JSON.stringify(v).slice(0, 40)} in ${limit}`).toBe(size <= limit);
      }
    }
  });
});

describe('step API copies', () => {
  const ctx = (nextEventId: number): StepContext => ({
    now: 0,
    random: () => 0.5,
    uuid: () => '00000000-0000-4000-8000-000000000000',
    newTaskToken: () => 'token',
    nextEventId,
    execution: { id: 'arn:e', name: 'e', startTime: '1970-01-01T00:00:00.000Z', roleArn: 'arn:r', stateMachineId: 'arn:sm', stateMachineName: 'sm' },
  });

  it('resume leaves the frame it was given as it was (the engine may re-run the step from it)', async () => {
    const compiled = compile({ StartAt: 'T', States: { T: { ...(task('Done') as object), Assign: { seen: 1 } }, Done: { Type: 'Succeed' }, Caught: { Type: 'Succeed' } } });
    if (!compiled.ok) throw new Error('invalid');
    const started = await startExecution(compiled.program, { a: { b: 1 } }, ctx(1));
    const before = structuredClone(started.frame);
    const failed = await resume(compiled.program, started.frame, { kind: 'taskFailed', error: 'Boom', cause: 'x' }, ctx(10));
    expect(failed.frame.retryCounts).toEqual([1]);
    expect(failed.blocked).toMatchObject({ kind: 'timer', reason: 'retry' });
    const again = await resume(compiled.program, failed.frame, { kind: 'timerFired' }, ctx(20));
    const done = await resume(compiled.program, again.frame, { kind: 'taskSucceeded', output: { Payload: 2 } }, ctx(30));
    expect(done.blocked).toMatchObject({ kind: 'succeeded' });
    expect(started.frame).toEqual(before);
    expect(failed.frame.retryCounts).toEqual([1]);
    expect(failed.frame.variables).toEqual({});
  });

  it('a Program keeps its own copy of the definition: editing the caller\'s object later changes nothing', async () => {
    const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': '$.a', fixed: { k: 1 } }, End: true } } };
    const compiled = compile(definition);
    if (!compiled.ok) throw new Error('invalid');
    expect((await runInMemory(compiled.program, { a: 1 })).output).toEqual({ v: 1, fixed: { k: 1 } });
    definition.States.P.Parameters = { 'v.$': '$.b', fixed: { k: 2 } } as never;
    const again = await runInMemory(compiled.program, { a: 1, b: 2 });
    expect(again.output).toEqual({ v: 1, fixed: { k: 1 } });
    // the static parts of a template are fresh objects on every run
    const third = await runInMemory(compiled.program, { a: 1 });
    expect((third.output as { fixed: object }).fixed).not.toBe((again.output as { fixed: object }).fixed);
  });
});

describe('the root frame driven without promises', () => {
  it('an execution timing out while a task times out chains its last events to the task\'s', async () => {
    const definition = {
      TimeoutSeconds: 5,
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, TimeoutSeconds: 10, End: true } },
    };
    const r = await runInMemory(definition, {}, { startTime: 0, taskHandler: () => ({ kind: 'timedOut' }) });
    expect(r.status).toBe('TIMED_OUT');
    const types = r.events.map((e) => e.type);
    expect(types).toEqual(['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskStateAborted', 'ExecutionTimedOut']);
    r.events.forEach((e, i) => expect(e.previousEventId).toBe(i === 0 ? 0 : r.events[i - 1]!.id));
  });

  it('a mocked task answered synchronously and one answered by a promise give the same history', async () => {
    const definition = { StartAt: 'T', States: { T: { ...(task('Done') as object) }, Done: { Type: 'Succeed' }, Caught: { Type: 'Succeed' } } };
    const sync = await runInMemory(definition, { a: 1 }, { startTime: 0, seed: 2, taskHandler: () => ({ kind: 'succeeded', output: { Payload: 1 } }) });
    const later = await runInMemory(definition, { a: 1 }, { startTime: 0, seed: 2, taskHandler: () => Promise.resolve({ kind: 'succeeded' as const, output: { Payload: 1 } }) });
    expect(sync.status).toBe('SUCCEEDED');
    expect(later.events).toEqual(sync.events);
  });
});


// Bounds derived from a state input's (io/payload-bounds.ts) spare walking payloads when runs
// keep them as values: each must be at least the real size, and the payload limit must hold
// exactly as in a run that serialises every payload.
import { describe, expect, it } from 'vitest';
import { runInMemory, type HistoryObserver, type Json, type RunOptions } from '@stepwise/asl';
import { placedBound, selectedBound, templateBound, valueBound } from '../../src/io/payload-bounds.js';
import { evaluatePayloadTemplate } from '../../src/payload/template.js';
import { placeResult } from '../../src/io/jsonpath-io.js';

const bytes = (v: Json): number => Buffer.byteLength(JSON.stringify(v), 'utf8');

const inputs: Json[] = [
  {},
  { a: 'x', b: [1, 2.5, -0, null, true], c: { d: 'ü€😀 "q" \n' } },
  { a: { b: { c: 'deep' } }, list: ['\u0001', '\u2028', 'plain'] },
];

describe('derived payload bounds', () => {
  it('a template of its input is never larger than its bound', () => {
    const templates: Json[] = [
      { 'x.$': '$', k: 'const ü', n: 12345.678, arr: [1, { 'y.$': '$.a' }, 'z'] },
      { 'whole.$': '$', 'again.$': '$', nested: { 'deeper.$': '$.c' } },
      { '🙂.$': '$.b[1]', empty: {}, none: null },
    ];
    for (const template of templates) {
      for (const input of inputs) {
        let out: Json;
        try {
          out = evaluatePayloadTemplate(template, { input, context: {}, variables: () => undefined }, { now: 0, random: () => 0, uuid: () => 'u' }, 'Parameters');
        } catch {
          continue; // a path the input lacks: the state fails before any check
        }
        const bound = templateBound(template, bytes(input));
        expect(bound, JSON.stringify(template)).toBeDefined();
        expect(bound as number).toBeGreaterThanOrEqual(bytes(out));
      }
    }
  });

  it('has no bound for what is not a subtree of the input: $$, variables, intrinsics, filters', () => {
    for (const t of [{ 'a.$': '$$.Execution.Id' }, { 'a.$': '$var' }, { 'a.$': 'States.Format(\'{}\', $.a)' }, { 'a.$': '$..a' }, { 'a.$': '$.a[*]' }]) {
      expect(templateBound(t, 100)).toBeUndefined();
    }
    expect(templateBound({ k: 1 }, undefined)).toBeUndefined();
  });

  it('a result placed at a ResultPath, then an OutputPath, stay under their bounds', () => {
    const results: Json[] = [null, 'a long string ü'.repeat(20), { big: Array.from({ length: 50 }, (_, i) => i) }];
    for (const input of inputs) {
      for (const result of results) {
        for (const path of ['$.r', '$.a.b.new', '$.c', '$', null] as const) {
          let placed: Json;
          try {
            placed = placeResult(input, result, path);
          } catch {
            continue;
          }
          const names = typeof path === 'string' && path !== '$' ? path.slice(2).split('.') : undefined;
          const bound = placedBound(bytes(input), bytes(result), path, names);
          expect(bound as number).toBeGreaterThanOrEqual(bytes(placed));
          expect(selectedBound('$.c', bound)).toBe(bound);
          expect(selectedBound(null, bound)).toBe(2);
          expect(selectedBound('$..c', bound)).toBeUndefined();
        }
      }
    }
    expect(valueBound({ k: 'ü', n: [1, null] })).toBeGreaterThanOrEqual(bytes({ k: 'ü', n: [1, null] }));
  });
});

/** The same run serialised (full history), as values, and observed: the same end. */
async function ends(definition: Json, input: Json, options: RunOptions = {}): Promise<unknown[]> {
  const observer: HistoryObserver = { entered: () => undefined, exited: () => undefined, event: () => undefined };
  const runs = await Promise.all([
    runInMemory(definition, input, { startTime: 0, ...options }),
    runInMemory(definition, input, { startTime: 0, ...options, history: 'values' }),
    runInMemory(definition, input, { startTime: 0, ...options, observer }),
  ]);
  return runs.map((r) => ({ status: r.status, error: r.error, cause: r.cause, output: r.output }));
}

describe('the payload limit with derived bounds', () => {
  const limits = { payloadBytes: 4_000 };

  it('a Pass doubling its input passes the limit at the same state in every mode', async () => {
    const double = (next: string | null): Json => ({ Type: 'Pass', Parameters: { 'a.$': '$', 'b.$': '$' }, ...(next === null ? { End: true } : { Next: next }) });
    const definition = { StartAt: 'S0', States: Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`S${i}`, double(i < 7 ? `S${i + 1}` : null)])) };
    const [full, values, observed] = await ends(definition, { s: 'x'.repeat(20) }, { limits });
    expect(full).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect(values).toEqual(full);
    expect(observed).toEqual(full);
  });

  it('coarse bounds over the limit fall back to measuring: a machine that fits succeeds', async () => {
    // each Pass references its input twice but keeps one copy: the derived bound doubles, the output does not grow
    const pick = (next: string | null): Json => ({ Type: 'Pass', Parameters: { 'a.$': '$.a', 'b.$': '$.a' }, OutputPath: '$.a', ResultPath: '$.a', ...(next === null ? { End: true } : { Next: next }) });
    const definition = { StartAt: 'S0', States: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`S${i}`, pick(i < 11 ? `S${i + 1}` : null)])) };
    const [full, values, observed] = await ends(definition, { a: { s: 'y'.repeat(1_000) } }, { limits });
    expect(full).toMatchObject({ status: 'SUCCEEDED' });
    expect(values).toEqual(full);
    expect(observed).toEqual(full);
  });

  it('a task result placed in the input, and a task input, over the limit', async () => {
    const task = (next: string | null, path: string): Json => ({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'f', 'Payload.$': '$' },
      ResultSelector: { 'v.$': '$.v' },
      ResultPath: path,
      ...(next === null ? { End: true } : { Next: next }),
    });
    const definition = { StartAt: 'A', States: { A: task('B', '$.a'), B: task('C', '$.b'), C: task(null, '$.c') } };
    for (const size of [500, 1_300, 2_100, 3_900]) {
      const taskHandler = (): { kind: 'succeeded'; output: Json } => ({ kind: 'succeeded', output: { v: 'z'.repeat(size) } });
      const [full, values, observed] = await ends(definition, { start: 1 }, { limits, taskHandler });
      expect(values, `result of ${size}`).toEqual(full);
      expect(observed, `result of ${size}`).toEqual(full);
      // A places the result, B a second one (over the limit from 2,100 bytes on), C a third
      expect((full as { status: string }).status).toBe(size < 1_400 ? 'SUCCEEDED' : 'FAILED');
    }
    // an input that fits, whose task request (the input and FunctionName) does not
    const ok = (): { kind: 'succeeded'; output: Json } => ({ kind: 'succeeded', output: { v: 1 } });
    const [full, values, observed] = await ends(definition, { s: 'x'.repeat(3_975) }, { limits, taskHandler: ok });
    expect(full).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
    expect((full as { cause: string }).cause).toContain("The state/task 'A' input exceeds the maximum number of bytes");
    expect(values).toEqual(full);
    expect(observed).toEqual(full);
  });
});

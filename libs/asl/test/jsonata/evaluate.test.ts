import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/json.js';
import { StatesError } from '../../src/errors/states-error.js';
import {
  checkJsonataSyntax,
  evaluateJsonata,
  evaluateJsonataTemplate,
  isJsonataTemplate,
} from '../../src/jsonata/evaluate.js';
import type { JsonataStates } from '../../src/jsonata/evaluate.js';
import { fixedEnv } from '../payload/eval-fixtures.js';

const states: JsonataStates = { input: { n: 2, list: [3, 1, 2], s: '{"a": [1]}' }, context: { Execution: { Name: 'e1' } } };
const vars: Record<string, Json> = { total: 40, cfg: { on: true } };
const lookup = (name: string): Json | undefined => vars[name];
const ev = (expr: string, s: JsonataStates = states) => evaluateJsonata(expr, s, lookup, fixedEnv, 'Output');

async function failure(p: Promise<unknown>): Promise<StatesError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw e;
  }
  throw new Error('did not fail');
}

describe('isJsonataTemplate', () => {
  it('needs the delimiters at the very ends', () => {
    expect(isJsonataTemplate('{% $states.input %}')).toBe(true);
    expect(isJsonataTemplate('{%1%}')).toBe(true);
    expect(isJsonataTemplate(' {% states.input %} ')).toBe(false);
    expect(isJsonataTemplate('$states.input')).toBe(false);
    expect(isJsonataTemplate(42)).toBe(false);
  });
});

describe('checkJsonataSyntax', () => {
  it('returns undefined for valid expressions and a coded message otherwise', () => {
    expect(checkJsonataSyntax('$states.input.a + 1')).toBeUndefined();
    expect(checkJsonataSyntax('$a +')).toMatch(/^S0\d+: /);
  });
});

describe('evaluateJsonata', () => {
  it('binds $states and variables', async () => {
    expect(await ev('$states.input.n + $total')).toBe(42);
    expect(await ev('$states.context.Execution.Name')).toBe('e1');
    expect(await ev('$cfg.on')).toBe(true);
    expect(await ev('$states.input.list[$ > 1]')).toEqual([3, 2]);
    expect(await ev('$states.result.x', { ...states, result: { x: 'r' } })).toBe('r');
    expect(await ev('$states.errorOutput.Error', { ...states, errorOutput: { Error: 'E' } })).toBe('E');
  });

  it('returns undefined for nothing, unset variables and top-level $ or bare names', async () => {
    expect(await ev('$states.input.missing')).toBeUndefined();
    expect(await ev('n')).toBeUndefined();
    expect(await ev('$')).toBeUndefined();
    expect(await ev('$doesNotExist')).toBeUndefined();
  });

  it('provides AWS functions', async () => {
    expect(await ev('$partition($states.input.list, 2)')).toEqual([[3, 1], [2]]);
    expect(await ev('$partition([0], 2)')).toEqual([[0]]);
    expect(await ev('$range(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(await ev('$range(1, 9, 9)')).toBe(1);
    expect(await ev("$hash('input data', 'MD5')")).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(await ev('$parse($states.input.s)')).toEqual({ a: [1] });
    expect(await ev("$parse('1.1')")).toBe(1.1);
    expect(await ev('$uuid()')).toBe(fixedEnv.uuid());
    expect(await ev('$random()')).toBe(0.5);
    const seeded = await ev('$random(7)');
    expect(seeded).toBe(await ev('$random(7)'));
    expect(typeof seeded === 'number' && seeded >= 0 && seeded < 1).toBe(true);
  });

  it('reads the clock from the environment', async () => {
    expect(await ev('$millis()')).toBe(fixedEnv.now);
    expect(await ev('$now()')).toBe('2024-02-29T12:30:15.250Z');
  });

  it('has no $eval, as on AWS', async () => {
    const e = await failure(ev("$eval('1 + 1')"));
    expect(e.cause).toMatch(/T1006: Attempted to invoke a non-function$/);
  });

  it('reports JSONata errors as States.QueryEvaluationError with the code', async () => {
    const e = await failure(ev('$randomSeeded($states.input.n)'));
    expect(e.error).toBe('States.QueryEvaluationError');
    expect(e.cause).toBe(
      "The JSONata expression '$randomSeeded($states.input.n)' specified for the field 'Output' threw an error during evaluation. T1006: Attempted to invoke a non-function",
    );
  });
});

describe('evaluateJsonataTemplate', () => {
  it('evaluates nested expressions and copies the rest', async () => {
    const out = await evaluateJsonataTemplate(
      { a: '{% $states.input.n %}', list: ['{% $total %}', 'plain', 1], keep: ' {% no %} ', deep: { b: '{% $cfg %}' } },
      states,
      lookup,
      fixedEnv,
      'Output',
    );
    expect(out).toEqual({ a: 2, list: [40, 'plain', 1], keep: ' {% no %} ', deep: { b: { on: true } } });
  });

  it('fails an undefined result naming the field path', async () => {
    const e = await failure(evaluateJsonataTemplate({ result: '{% $doesNotExist %}' }, states, lookup, fixedEnv, 'Output'));
    expect(e.error).toBe('States.QueryEvaluationError');
    expect(e.cause).toBe("The JSONata expression '$doesNotExist' specified for the field 'Output/result' returned nothing (undefined).");
    const top = await failure(evaluateJsonataTemplate('{% $doesNotExist %}', states, lookup, fixedEnv, 'Arguments'));
    expect(top.cause).toBe("The JSONata expression '$doesNotExist' specified for the field 'Arguments' returned nothing (undefined).");
  });
});

// Facts recorded from AWS Step Functions (see /work/shared/conformance), restated as unit tests.
import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/json.js';
import { StatesError } from '../../src/errors/states-error.js';
import { evaluateIntrinsic } from '../../src/intrinsics/evaluate.js';
import { parseIntrinsic } from '../../src/intrinsics/parse.js';
import { intrinsicRegistry, isIntrinsicName } from '../../src/intrinsics/registry.js';
import { javaSeededNextInt } from '../../src/intrinsics/functions/math-random.js';
import { fixedEnv, sources } from '../payload/eval-fixtures.js';

function run(text: string, input: Json = {}): Json {
  return evaluateIntrinsic(parseIntrinsic(text), sources(input, { StateMachine: { Id: 'arn:sm', Name: 'sm-1' } }), fixedEnv, 'r.$');
}
function fails(text: string, input: Json = {}): StatesError {
  try {
    run(text, input);
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw e;
  }
  throw new Error(`${text} did not fail`);
}

describe('registry', () => {
  it('has exactly the 18 AWS intrinsics', () => {
    expect(Object.keys(intrinsicRegistry)).toHaveLength(18);
    expect(isIntrinsicName('States.Hash')).toBe(true);
    expect(isIntrinsicName('States.Nope')).toBe(false);
  });
});

describe('States.Format', () => {
  it('fills placeholders with Java text of each value', () => {
    const fmt = "States.Format('fst={} and snd={}.', $.a, $.b)";
    expect(run(fmt, { a: 'HelloWorld', b: ' ' })).toBe('fst=HelloWorld and snd= .');
    expect(run(fmt, { a: null, b: 1.1 })).toBe('fst=null and snd=1.1.');
    expect(run(fmt, { a: 1, b: true })).toBe('fst=1 and snd=true.');
    expect(run(fmt, { a: '{"Arg1": 1}', b: [1, 'x'] })).toBe('fst={"Arg1": 1} and snd=[1, x].');
    expect(run("States.Format('{}', $$.StateMachine)")).toBe('{Id=arn:sm, Name=sm-1}');
  });
  it('treats escaped braces as text', () => {
    expect(run("States.Format('\\{\\} {}', 'x')")).toBe('{} x');
  });
  it('fails when placeholders and arguments disagree', () => {
    expect(fails("States.Format('{} {}', 1)").error).toBe('States.IntrinsicFailure');
  });
});

describe('JSON manipulation', () => {
  it('StringToJson parses JSON and gives null for an empty string', () => {
    expect(run('States.StringToJson($.s)', { s: '' })).toBeNull();
    expect(run('States.StringToJson($.s)', { s: 'true' })).toBe(true);
    expect(run('States.StringToJson($.s)', { s: '"HelloWorld"' })).toBe('HelloWorld');
    expect(run('States.StringToJson($.s)', { s: '{"Arg1": 1, "Arg2": []}' })).toEqual({ Arg1: 1, Arg2: [] });
    expect(fails('States.StringToJson($.s)', { s: '{nope' }).error).toBe('States.IntrinsicFailure');
  });
  it('JsonToString prints compact JSON', () => {
    expect(run('States.JsonToString($.v)', { v: { Arg1: 1, Arg2: [] } })).toBe('{"Arg1":1,"Arg2":[]}');
    expect(run('States.JsonToString($.v)', { v: 'HelloWorld' })).toBe('"HelloWorld"');
    expect(run('States.JsonToString($.v)', { v: 0 })).toBe('0');
    expect(run('States.JsonToString($.v)', { v: 1e21 })).toBe('1.0E21');
  });
  it('JsonMerge merges shallowly, the second object winning, and refuses deep merge', () => {
    expect(run("States.JsonMerge(States.StringToJson('{\"a\": 1, \"b\": {\"x\": 1}}'), $.o, false)", { o: { b: { y: 2 }, c: 3 } })).toEqual({
      a: 1,
      b: { y: 2 },
      c: 3,
    });
    expect(fails('States.JsonMerge($.o, $.o, true)', { o: {} }).error).toBe('States.IntrinsicFailure');
  });
});

describe('arrays', () => {
  it('Array collects its arguments', () => {
    expect(run('States.Array()')).toEqual([]);
    expect(run('States.Array($.a, $.b)', { a: { k: [] }, b: 1.1 })).toEqual([{ k: [] }, 1.1]);
  });
  it('ArrayPartition chunks, the last chunk shorter', () => {
    expect(run('States.ArrayPartition($.a, 3)', { a: [0, 1, 2, 3] })).toEqual([[0, 1, 2], [3]]);
    expect(run('States.ArrayPartition($.a, 5)', { a: [0, 1] })).toEqual([[0, 1]]);
    expect(run('States.ArrayPartition($.a, 2)', { a: [] })).toEqual([]);
    expect(fails('States.ArrayPartition($.a, 0)', { a: [1] }).error).toBe('States.IntrinsicFailure');
  });
  it('ArrayContains compares deeply', () => {
    expect(run('States.ArrayContains($.a, $.v)', { a: [[1, 2, 3], 2], v: [1, 2, 3] })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: [{ 1: 2, 2: [] }], v: { 2: [], 1: 2 } })).toBe(true);
    expect(run('States.ArrayContains($.a, $.v)', { a: [], v: [] })).toBe(false);
  });
  it('ArrayRange includes the end and caps at 1000 items', () => {
    expect(run('States.ArrayRange(0, 10, 3)')).toEqual([0, 3, 6, 9]);
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(9, 0, -4)')).toEqual([9, 5, 1]);
    expect(run('States.ArrayRange(0, 999, 1)')).toHaveLength(1000);
    expect(fails('States.ArrayRange(0, 1000, 1)').error).toBe('States.IntrinsicFailure');
    expect(fails('States.ArrayRange(0, 10, 0)').error).toBe('States.IntrinsicFailure');
  });
  it('rounds non-integer sizes and bounds half up, as AWS documents', () => {
    expect(run('States.ArrayPartition($.a, 1.5)', { a: [1, 2, 3] })).toEqual([[1, 2], [3]]);
    expect(run('States.ArrayRange(0.5, 4.4, 1.5)')).toEqual([1, 3]);
    expect(fails('States.ArrayRange(0, 3, 0.4)').error).toBe('States.IntrinsicFailure');
    expect(run('States.MathRandom(0.4, 1.6)')).toBe(1);
  });
  it('ArrayGetItem, ArrayLength, ArrayUnique', () => {
    expect(run('States.ArrayGetItem($.a, 5)', { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(6);
    expect(fails('States.ArrayGetItem($.a, 9)', { a: [1] }).error).toBe('States.IntrinsicFailure');
    expect(run('States.ArrayLength($)', [null, null, 1])).toBe(3);
    expect(run('States.ArrayUnique($)', [null, null, true, 1, 1, 1.1, 'a', 'a', [], [], { a: 1, b: 2 }, { b: 2, a: 1 }])).toEqual([
      null,
      true,
      1,
      1.1,
      'a',
      [],
      { a: 1, b: 2 },
    ]);
  });
});

describe('encoding and hashing', () => {
  it('Base64 round-trips UTF-8', () => {
    expect(run("States.Base64Encode('Data to encode')")).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(run("States.Base64Encode('')")).toBe('');
    expect(run("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).toBe('Data to encode');
    expect(run('States.Base64Decode($.s)', { s: 'RGF0YSB0\r\nbyBlbmNvZGU' })).toBe('Data to encode');
    expect(run('States.Base64Decode(States.Base64Encode($.s))', { s: 'héllo ✓' })).toBe('héllo ✓');
    expect(fails("States.Base64Decode('***')").error).toBe('States.IntrinsicFailure');
    expect(fails('States.Base64Encode($.s)', { s: 'x'.repeat(10_001) }).error).toBe('States.IntrinsicFailure');
  });
  it('Hash supports AWS algorithms', () => {
    expect(run("States.Hash('input data', 'MD5')")).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(run("States.Hash('input data', 'SHA-256')")).toBe('b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3');
    expect(run("States.Hash('input data', 'SHA-1')")).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
    expect(run("States.Hash('input data', 'SHA-512')")).toMatch(/^6ce4adb348546d4f/);
    expect(run("States.Hash('input data', 'SHA-384')")).toHaveLength(96);
    expect(fails("States.Hash('x', 'SHA-3')").error).toBe('States.IntrinsicFailure');
  });
});

describe('math', () => {
  it.each([
    [-9, 3, -6],
    [-1.5, 0, -1],
    [-1.51, 0, -2],
    [0.5, 0, 1],
    [1.5, 1.51, 4],
    [2.5, 0, 3],
    [-0.5, 0.5, 1],
    [-0.5, 0, 0],
    [-2.5, 0, -2],
    [1.49, -1.49, 0],
    [-1.5, -1.51, -3],
  ])('MathAdd(%d, %d) = %d (each argument rounded half up first)', (a, b, sum) => {
    const got = run('States.MathAdd($.a, $.b)', { a, b });
    expect(got).toBe(sum);
    expect(Object.is(got, -0)).toBe(false);
  });
  it('MathAdd accepts 32-bit integers only', () => {
    expect(run('States.MathAdd(2147483647, -1)')).toBe(2147483646);
    expect(fails('States.MathAdd(2147483648, 0)').error).toBe('States.IntrinsicFailure');
    expect(fails('States.MathAdd(-2147483649, 0)').error).toBe('States.IntrinsicFailure');
  });
  it('MathRandom draws from the injected source in [start, end)', () => {
    expect(run('States.MathRandom(0, 10)')).toBe(5);
    expect(run('States.MathRandom(-99999, -9999)')).toBe(-54999);
    expect(fails('States.MathRandom(5, 5)').error).toBe('States.IntrinsicFailure');
  });
  it('a seeded MathRandom follows java.util.Random', () => {
    // new java.util.Random(42).nextInt() is -1170105035, so nextInt(10) is 0 and nextInt(100) is 30;
    // a power-of-two bound takes the high bits: nextInt(16) is (16 * 1562431130) >> 31 = 11.
    expect(javaSeededNextInt(42, 10)).toBe(0);
    expect(javaSeededNextInt(42, 100)).toBe(30);
    expect(javaSeededNextInt(42, 16)).toBe(11);
    expect(run('States.MathRandom(0, 999, 3)')).toBe(run('States.MathRandom(0, 999, 3)'));
  });
});

describe('strings and UUID', () => {
  it.each([
    [' ', ',', [' ']],
    [' , ', ',', [' ', ' ']],
    [', , ,', ',', [' ', ' ']],
    [',,,,', ',', []],
    ['1,2,3,4,5', ',', ['1', '2', '3', '4', '5']],
    ['This.is+a,test=string', '.+,=', ['This', 'is', 'a', 'test', 'string']],
    ['split on T and \nnew line', 'T\n', ['split on ', ' and ', 'new line']],
  ])('StringSplit(%j, %j) splits on any delimiter character, dropping empties', (s, d, out) => {
    expect(run('States.StringSplit($.s, $.d)', { s, d })).toEqual(out);
  });
  it('UUID comes from the environment', () => {
    expect(run('States.UUID()')).toBe(fixedEnv.uuid());
  });
});

describe('failures', () => {
  it('a path argument that matches nothing is States.Runtime naming the field and input', () => {
    const e = fails('States.Array($.missing)', { a: 1 });
    expect(e.error).toBe('States.Runtime');
    expect(e.cause).toBe("The JsonPath argument for the field 'r.$' could not be found in the input '{\"a\":1}'");
  });
  it('a function failure names the call and the field', () => {
    expect(fails('States.ArrayGetItem($.a, 9)', { a: [1] }).cause).toBe(
      "The intrinsic function 'States.ArrayGetItem($.a, 9)' specified for the field 'r.$' failed: " +
        'States.ArrayGetItem: the index 9 is out of bounds for an array of length 1.',
    );
  });
  it('wrong arity and wrong types are States.IntrinsicFailure', () => {
    expect(fails('States.ArrayLength(1, 2)').error).toBe('States.IntrinsicFailure');
    expect(fails("States.ArrayLength('x')").error).toBe('States.IntrinsicFailure');
    expect(fails('States.Nope(1)').error).toBe('States.IntrinsicFailure');
  });
});

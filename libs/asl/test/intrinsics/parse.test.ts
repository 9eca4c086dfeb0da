import { describe, expect, it } from 'vitest';
import { intrinsicNestingDepth, isIntrinsicCall, IntrinsicSyntaxError, parseIntrinsic } from '../../src/intrinsics/parse.js';

describe('isIntrinsicCall', () => {
  it('recognises States.Name( at the start', () => {
    expect(isIntrinsicCall('States.Format($.a)')).toBe(true);
    expect(isIntrinsicCall('States.UUID()')).toBe(true);
    expect(isIntrinsicCall('$.a')).toBe(false);
    expect(isIntrinsicCall('States.Format')).toBe(false);
    expect(isIntrinsicCall("'States.Format()'")).toBe(false);
  });
});

describe('parseIntrinsic', () => {
  it('parses nested calls, paths and literals', () => {
    expect(parseIntrinsic("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)")).toEqual({
      name: 'States.ArrayGetItem',
      args: [
        {
          kind: 'call',
          call: {
            name: 'States.StringSplit',
            args: [
              { kind: 'path', path: '$$.StateMachine.Name' },
              { kind: 'literal', value: '-', raw: '-' },
            ],
          },
        },
        { kind: 'literal', value: 0 },
      ],
    });
  });

  it('reads numbers, booleans and null', () => {
    const call = parseIntrinsic('States.Array(1, -2.5, 1e3, true, false, null)');
    expect(call.args.map((a) => (a.kind === 'literal' ? a.value : undefined))).toEqual([1, -2.5, 1000, true, false, null]);
  });

  it('unescapes string literals but keeps the raw text', () => {
    const [arg] = parseIntrinsic("States.Format('it\\'s \\{\\} a \\\\ b {}', 1)").args;
    expect(arg).toEqual({ kind: 'literal', value: "it's {} a \\ b {}", raw: "it\\'s \\{\\} a \\\\ b {}" });
  });

  it('keeps filter expressions with commas and parentheses in one path argument', () => {
    const call = parseIntrinsic("States.Array($.a[?(@.x == 'p,q')], $.b)");
    expect(call.args).toEqual([
      { kind: 'path', path: "$.a[?(@.x == 'p,q')]" },
      { kind: 'path', path: '$.b' },
    ]);
  });

  it('parses a call without arguments and with spacing', () => {
    expect(parseIntrinsic('  States.UUID( )  ')).toEqual({ name: 'States.UUID', args: [] });
  });

  it.each([
    ['States.Format(', 'expected an argument'],
    ['States.Format(1', "missing ')'"],
    ["States.Format('abc)", 'unterminated string literal'],
    ['States.Format(1 2)', "expected ',' or ')'"],
    ['States.Format(foo)', 'unexpected'],
    ['States.Format(1))', "after the closing ')'"],
    ['Foo.Bar(1)', 'function name'],
    ['States.Array(1,)', "unexpected ')'"],
    ["States.Format('a\\nb')", 'is not an escape'],
  ])('rejects %s', (text, message) => {
    expect(() => parseIntrinsic(text)).toThrow(IntrinsicSyntaxError);
    expect(() => parseIntrinsic(text)).toThrow(message);
  });
});

describe('intrinsicNestingDepth', () => {
  it('counts the deepest chain of nested calls', () => {
    expect(intrinsicNestingDepth(parseIntrinsic('States.UUID()'))).toBe(1);
    expect(intrinsicNestingDepth(parseIntrinsic("States.Format('{}{}', States.Array(States.UUID()), $.a)"))).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { isValidJsonPath, isValidReferencePath, queryPath } from '../../src/paths/jsonpath.js';
import { sources } from '../payload/eval-fixtures.js';

describe('isValidJsonPath', () => {
  it.each(['$', '$.a', '$.a.b[0]', "$['a b']", '$..x', '$.a[*]', '$.a[1:3]', '$.a[0,2]', '$.a[?(@.v > 1)]', '$$.Execution.Id', '$var', '$var.x[2]', '$.a.length()'])(
    'accepts %s',
    (p) => expect(isValidJsonPath(p)).toBe(true),
  );
  it.each(['', 'a.b', '$.', '$[', '$.a[', '$.a]', '$.a b', '$.a[x]', '$.a..', '$.a[?(@.v > 1]'])('rejects %s', (p) =>
    expect(isValidJsonPath(p)).toBe(false),
  );
});

describe('isValidReferencePath', () => {
  it.each(['$', '$.a.b', '$.a[0]', "$['x']", '$$.Map.Item.Value', '$v.a'])('accepts %s', (p) => expect(isValidReferencePath(p)).toBe(true));
  it.each(['$.a[*]', '$..a', '$.a[1:2]', '$.a[0,1]', '$.a[?(@.x)]', '$.a.length()', 'nope'])('rejects %s', (p) =>
    expect(isValidReferencePath(p)).toBe(false),
  );
});

describe('queryPath', () => {
  const input = { a: { b: [10, 20, 30], n: null, s: 'str' }, users: [{ y: 1997, status: 0 }, { y: 1998, status: 1 }] };
  const src = sources(input, { Execution: { Id: 'arn:x', Input: { k: 1 } } }, { cfg: { retries: 3 }, zero: 0 });

  it('reads definite paths as single values', () => {
    expect(queryPath('$', src)).toEqual(input);
    expect(queryPath('$.a.b[1]', src)).toBe(20);
    expect(queryPath('$.a.b[-1]', src)).toBe(30);
    expect(queryPath("$['a']['s']", src)).toBe('str');
    expect(queryPath('$.a.n', src)).toBeNull();
  });

  it('returns undefined when nothing matches', () => {
    expect(queryPath('$.missing', src)).toBeUndefined();
    expect(queryPath('$.a.b[3]', src)).toBeUndefined();
    expect(queryPath('$.a.s.length', src)).toBeUndefined();
    expect(queryPath('$.a.b.length', src)).toBeUndefined();
    expect(queryPath('$.a.toString', src)).toBeUndefined();
  });

  it('reads the context object and variables', () => {
    expect(queryPath('$$.Execution.Id', src)).toBe('arn:x');
    expect(queryPath('$$.Execution.Input.k', src)).toBe(1);
    expect(queryPath('$cfg.retries', src)).toBe(3);
    expect(queryPath('$zero', src)).toBe(0);
    expect(queryPath('$unset', src)).toBeUndefined();
  });

  it('returns arrays for indefinite paths', () => {
    expect(queryPath('$.users[?(@.status == 0)]', src)).toEqual([{ y: 1997, status: 0 }]);
    expect(queryPath('$.users[*].y', src)).toEqual([1997, 1998]);
    expect(queryPath('$.a.b[0:2]', src)).toEqual([10, 20]);
    expect(queryPath('$.a.b[0,2]', src)).toEqual([10, 30]);
    expect(queryPath('$.nothing[*]', src)).toEqual([]);
  });

  it('keeps backslashes in quoted names; only the quote itself is escaped', () => {
    const key = 'Test\\""Name"';
    expect(queryPath(`$['Test\\""Name"']`, sources({ [key]: 'v' }))).toBe('v');
    expect(queryPath(`$['it\\'s']`, sources({ "it's": 1 }))).toBe(1);
  });

  it('evaluates indefinite paths with names jsonpath-plus would otherwise read as syntax', () => {
    const odd = { 'a.b': [{ v: 1 }, { v: 2 }], '~': [{ v: 3 }], '@x': { k: [5] }, l: [1, 2, 3] };
    expect(queryPath("$['a.b'][*].v", sources(odd))).toEqual([1, 2]);
    expect(queryPath("$['~'][*].v", sources(odd))).toEqual([3]);
    expect(queryPath("$['@x'].k[*]", sources(odd))).toEqual([5]);
    expect(queryPath("$.abc.['x y'][*]", sources({ abc: { 'x y': [7, 8] } }))).toEqual([7, 8]);
    expect(queryPath('$.l[*]', sources(odd))).toEqual([1, 2, 3]);
  });

  it('handles unions of names, negative indexes and deep scans', () => {
    const doc = { a: { x: 1, b: { x: 2 } }, x: 3, l: [[1, 2], [3, 4]] };
    expect(queryPath("$['a','x']", sources(doc))).toEqual([{ x: 1, b: { x: 2 } }, 3]);
    expect(queryPath('$.l[*][-1]', sources(doc))).toEqual([2, 4]);
    expect(queryPath('$..x', sources(doc))).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(queryPath("$..['x']", sources(doc))).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(queryPath("$..['x']", sources(doc))).toHaveLength(3);
  });

  it("accepts AWS's documented `$.abc.['def ghi']` form", () => {
    expect(queryPath("$.abc.['def ghi']", sources({ abc: { 'def ghi': 7 } }))).toBe(7);
  });

  it('applies length() to arrays', () => {
    expect(queryPath('$.a.b.length()', src)).toBe(3);
  });
});

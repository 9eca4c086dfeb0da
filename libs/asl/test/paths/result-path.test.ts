import { describe, expect, it } from 'vitest';
import { applyResultPath } from '../../src/paths/result-path.js';
import { StatesError } from '../../src/errors/states-error.js';

describe('applyResultPath', () => {
  const input = { a: 1, nested: { keep: true } };

  it('discards the result for null and replaces the input for $ or absent', () => {
    expect(applyResultPath(input, 'r', null)).toBe(input);
    expect(applyResultPath(input, 'r', '$')).toBe('r');
    expect(applyResultPath(input, 'r', undefined)).toBe('r');
  });

  it('writes into a copy, creating objects on the way', () => {
    const out = applyResultPath(input, { x: 1 }, '$.nested.deep.result');
    expect(out).toEqual({ a: 1, nested: { keep: true, deep: { result: { x: 1 } } } });
    expect(input).toEqual({ a: 1, nested: { keep: true } });
  });

  it('overwrites an existing field and writes array elements', () => {
    expect(applyResultPath({ a: 1 }, 2, '$.a')).toEqual({ a: 2 });
    expect(applyResultPath({ l: [1, 2] }, 'x', '$.l[1]')).toEqual({ l: [1, 'x'] });
  });

  it('fails with States.Runtime when the input cannot hold the result', () => {
    expect(() => applyResultPath('text', 1, '$.a')).toThrow(StatesError);
    try {
      applyResultPath({ a: 'str' }, 1, '$.a.b');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatesError);
      expect((e as StatesError).error).toBe('States.Runtime');
      expect((e as StatesError).cause).toBe('Unable to apply ReferencePath $.a.b to input {"a":"str"}');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { StatesError } from '../../src/errors/states-error.js';
import { evaluateDynamicValue, evaluatePayloadTemplate } from '../../src/payload/template.js';
import { fixedEnv, sources } from './eval-fixtures.js';

describe('evaluatePayloadTemplate', () => {
  const src = sources({ a: { b: 1 }, list: [1, 2] }, { Execution: { Name: 'run-1' } }, { greeting: 'hi' });

  it('resolves .$ keys from paths, context, variables and intrinsics, and drops the suffix', () => {
    const out = evaluatePayloadTemplate(
      {
        'fromInput.$': '$.a.b',
        'whole.$': '$',
        'ctx.$': '$$.Execution.Name',
        'var.$': '$greeting',
        'fmt.$': "States.Format('{}-{}', $greeting, $.a.b)",
        constant: 'kept $.a.b',
        nested: { 'deep.$': '$.list[1]', arr: [{ 'x.$': '$.a' }, 'plain', 3] },
      },
      src,
      fixedEnv,
      'Parameters',
    );
    expect(out).toEqual({
      fromInput: 1,
      whole: { a: { b: 1 }, list: [1, 2] },
      ctx: 'run-1',
      var: 'hi',
      fmt: 'hi-1',
      constant: 'kept $.a.b',
      nested: { deep: 2, arr: [{ x: { b: 1 } }, 'plain', 3] },
    });
  });

  it('copies values that are not templates', () => {
    expect(evaluatePayloadTemplate('text', src, fixedEnv, 'Parameters')).toBe('text');
    expect(evaluatePayloadTemplate([1, null], src, fixedEnv, 'Parameters')).toEqual([1, null]);
    expect(evaluatePayloadTemplate({ 'n.$': 5 }, src, fixedEnv, 'Parameters')).toEqual({ 'n.$': 5 });
  });

  it('fails a path that matches nothing with AWS cause wording', () => {
    try {
      evaluatePayloadTemplate({ 'value.$': '$$.Execution.Input.no_such_jsonpath' }, sources({ 'int-literal': 0 }), fixedEnv, 'Parameters');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatesError);
      expect((e as StatesError).error).toBe('States.Runtime');
      expect((e as StatesError).cause).toBe(
        "The JSONPath '$$.Execution.Input.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
      );
    }
  });

  it('fails a malformed intrinsic call as States.Runtime naming the field', () => {
    expect(() => evaluateDynamicValue("States.Format('x", 'k.$', src, fixedEnv)).toThrow(/k\.\$/);
  });
});

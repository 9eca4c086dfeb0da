import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/json.js';
import { StatesError } from '../../src/errors/states-error.js';
import { evaluateChoiceRule } from '../../src/choice/rule.js';
import { choiceRuleOperators, comparisonOperators } from '../../src/choice/operators.js';
import { sources } from '../payload/eval-fixtures.js';

const input = {
  s: 'banana',
  n: 10,
  f: 2.5,
  b: true,
  nul: null,
  ts: '2024-01-01T00:00:00Z',
  ts2: '2024-01-01T01:00:00+01:00',
  other: 'banana',
  big: 20,
  star: 'a*b\\c',
};
const src = sources(input, { Execution: { Name: 'x' } }, { limit: 15 });
const test = (rule: Json): boolean => evaluateChoiceRule(rule, src);

describe('operators table', () => {
  it('lists every AWS data-test operator', () => {
    for (const t of ['String', 'Numeric', 'Timestamp']) {
      for (const c of ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals']) {
        expect(comparisonOperators.has(`${t}${c}`)).toBe(true);
        expect(comparisonOperators.has(`${t}${c}Path`)).toBe(true);
      }
    }
    for (const op of ['BooleanEquals', 'BooleanEqualsPath', 'StringMatches', 'IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) {
      expect(comparisonOperators.has(op)).toBe(true);
    }
    expect(comparisonOperators.size).toBe(39);
    expect(choiceRuleOperators.has('And') && choiceRuleOperators.has('Not')).toBe(true);
  });
});

describe('evaluateChoiceRule', () => {
  it('compares strings, numbers, booleans and timestamps', () => {
    expect(test({ Variable: '$.s', StringEquals: 'banana' })).toBe(true);
    expect(test({ Variable: '$.s', StringLessThan: 'cherry' })).toBe(true);
    expect(test({ Variable: '$.s', StringGreaterThanEquals: 'banana' })).toBe(true);
    expect(test({ Variable: '$.n', NumericEquals: 10 })).toBe(true);
    expect(test({ Variable: '$.f', NumericLessThan: 3 })).toBe(true);
    expect(test({ Variable: '$.n', NumericGreaterThanEquals: 11 })).toBe(false);
    expect(test({ Variable: '$.b', BooleanEquals: true })).toBe(true);
    expect(test({ Variable: '$.ts', TimestampEquals: '2024-01-01T00:00:00.000Z' })).toBe(true);
    expect(test({ Variable: '$.ts2', TimestampEquals: '2024-01-01T00:00:00Z' })).toBe(true);
    expect(test({ Variable: '$.ts', TimestampLessThan: '2024-01-01T00:00:01Z' })).toBe(true);
  });

  it('treats a type mismatch as false', () => {
    expect(test({ Variable: '$.n', StringEquals: '10' })).toBe(false);
    expect(test({ Variable: '$.s', NumericEquals: 10 })).toBe(false);
    expect(test({ Variable: '$.s', TimestampEquals: '2024-01-01T00:00:00Z' })).toBe(false);
    expect(test({ Variable: '$.nul', BooleanEquals: false })).toBe(false);
  });

  it('resolves Path operands from the input, variables and context', () => {
    expect(test({ Variable: '$.s', StringEqualsPath: '$.other' })).toBe(true);
    expect(test({ Variable: '$.n', NumericLessThanPath: '$.big' })).toBe(true);
    expect(test({ Variable: '$.n', NumericLessThanPath: '$limit' })).toBe(true);
    expect(test({ Variable: '$$.Execution.Name', StringEqualsPath: '$$.Execution.Name' })).toBe(true);
    expect(test({ Variable: '$.n', StringEqualsPath: '$.s' })).toBe(false);
  });

  it('matches wildcards with escapes', () => {
    expect(test({ Variable: '$.s', StringMatches: 'b*a' })).toBe(true);
    expect(test({ Variable: '$.s', StringMatches: '*nan*' })).toBe(true);
    expect(test({ Variable: '$.s', StringMatches: 'b*x' })).toBe(false);
    expect(test({ Variable: '$.star', StringMatches: 'a\\*b\\\\c' })).toBe(true);
    expect(test({ Variable: '$.s', StringMatches: 'ban\\*' })).toBe(false);
  });

  it('tests types and presence', () => {
    expect(test({ Variable: '$.nul', IsNull: true })).toBe(true);
    expect(test({ Variable: '$.n', IsNull: false })).toBe(true);
    expect(test({ Variable: '$.n', IsNumeric: true })).toBe(true);
    expect(test({ Variable: '$.s', IsString: true })).toBe(true);
    expect(test({ Variable: '$.b', IsBoolean: true })).toBe(true);
    expect(test({ Variable: '$.ts', IsTimestamp: true })).toBe(true);
    expect(test({ Variable: '$.s', IsTimestamp: true })).toBe(false);
    expect(test({ Variable: '$.missing', IsPresent: false })).toBe(true);
    expect(test({ Variable: '$.s', IsPresent: true })).toBe(true);
  });

  it('combines with And, Or and Not', () => {
    expect(test({ And: [{ Variable: '$.n', NumericGreaterThan: 5 }, { Not: { Variable: '$.s', StringEquals: 'apple' } }] })).toBe(true);
    expect(test({ Or: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$.b', BooleanEquals: false }] })).toBe(false);
  });

  it('fails with States.Runtime when the Variable matches nothing', () => {
    try {
      test({ Variable: '$.missing', StringEquals: 'x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StatesError);
      expect((e as StatesError).error).toBe('States.Runtime');
      expect((e as StatesError).cause).toBe("Invalid path '$.missing': The choice state's condition path references an invalid value.");
    }
  });
});

// Choice rules (JSONPath operators and JSONata Conditions) and Retry/Catch rules.
import { describe, it } from 'vitest';
import type { BadCase } from './helpers.js';
import { expectError, expectValid, jsonata } from './helpers.js';

type Obj = Record<string, unknown>;
const C = '/States/C';
const choice = (choices: unknown, extra: Obj = {}, top: Obj = {}): Obj => ({
  StartAt: 'C',
  States: { C: { Type: 'Choice', Choices: choices, Default: 'E', ...extra }, E: { Type: 'Succeed' } },
  ...top,
});
const rule = (r: Obj): Obj => choice([{ Next: 'E', ...r }]);
const T = '/States/T';
const task = (extra: Obj): Obj => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', Resource: 'r', Next: 'E', ...extra }, E: { Type: 'Succeed' } },
});

const bad: BadCase[] = [
  { name: 'a Choice without Choices', definition: { StartAt: 'C', States: { C: { Type: 'Choice', Default: 'C' } } }, code: 'SCHEMA_VALIDATION_FAILED', location: C, text: '[Choices]' },
  { name: 'an empty Choices', definition: choice([]), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices` },
  { name: 'a rule without operator', definition: rule({ Variable: '$.a' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: 'exactly one comparison operator' },
  { name: 'a rule with two operators', definition: rule({ Variable: '$.a', StringEquals: 'x', IsPresent: true }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: '[StringEquals, IsPresent]' },
  { name: 'a comparison without Variable', definition: rule({ NumericEquals: 1 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: '[Variable]' },
  { name: 'a Variable that is not a path', definition: rule({ Variable: 'a', IsPresent: true }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/Variable` },
  { name: 'a top-level rule without Next', definition: choice([{ Variable: '$.a', IsNull: true }]), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: '[Next]' },
  { name: 'a nested rule with Next', definition: rule({ Not: { Variable: '$.a', IsNull: true, Next: 'E' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/Not`, text: "Field 'Next' is not supported" },
  { name: 'an empty And', definition: rule({ And: [] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/And` },
  { name: 'an Or that is not an array', definition: rule({ Or: {} }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/Or`, text: '[ARRAY]' },
  { name: 'a Not holding an array', definition: rule({ Not: [] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/Not`, text: '[OBJECT]' },
  { name: 'a bad rule nested in And', definition: rule({ And: [{ Variable: '$.a', IsNull: true }, { Variable: '$.b' }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/And/1` },
  { name: 'a StringEquals with a number', definition: rule({ Variable: '$.a', StringEquals: 1 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/StringEquals`, text: '[STRING]' },
  { name: 'a NumericEquals with a string', definition: rule({ Variable: '$.a', NumericEquals: '1' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/NumericEquals` },
  { name: 'a BooleanEquals with a string', definition: rule({ Variable: '$.a', BooleanEquals: 'true' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/BooleanEquals` },
  { name: 'an invalid timestamp literal', definition: rule({ Variable: '$.a', TimestampEquals: '2016-03-14 01:59:00' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/TimestampEquals`, text: 'timestamp' },
  { name: 'a lowercase-t timestamp literal', definition: rule({ Variable: '$.a', TimestampLessThan: '2016-03-14t01:59:00z' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/TimestampLessThan` },
  { name: 'a *Path operator with an indefinite path', definition: rule({ Variable: '$.a', NumericEqualsPath: '$.b[*]' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/NumericEqualsPath`, text: 'Reference Path' },
  { name: 'an IsPresent that is not a boolean', definition: rule({ Variable: '$.a', IsPresent: 'yes' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/IsPresent` },
  { name: 'a Condition in a JSONPath rule', definition: rule({ Condition: '{% true %}' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: "field 'Condition'" },
  { name: 'an unknown operator', definition: rule({ Variable: '$.a', StringContains: 'x' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: '"StringContains"' },
  { name: 'a JSONata rule without Condition', definition: choice([{ Next: 'E' }], {}, { QueryLanguage: 'JSONata' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: '[Condition]' },
  { name: 'a JSONata rule with Variable', definition: choice([{ Next: 'E', Condition: '{% true %}', Variable: '$.a' }], {}, { QueryLanguage: 'JSONata' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0`, text: "field 'Variable'" },
  { name: 'a JSONata Condition that does not parse', definition: choice([{ Next: 'E', Condition: '{% $states.input.a = %}' }], {}, { QueryLanguage: 'JSONata' }), code: 'INVALID_JSONATA_EXPRESSION', location: `${C}/Choices/0/Condition` },
  { name: 'a JSONata Condition that is a plain string', definition: choice([{ Next: 'E', Condition: 'true' }], {}, { QueryLanguage: 'JSONata' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${C}/Choices/0/Condition` },
  // Retry
  { name: 'a Retrier without ErrorEquals', definition: task({ Retry: [{ MaxAttempts: 1 }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0`, text: '[ErrorEquals]' },
  { name: 'an empty ErrorEquals', definition: task({ Retry: [{ ErrorEquals: [] }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0/ErrorEquals` },
  { name: 'States.ALL with other errors', definition: task({ Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0/ErrorEquals`, text: "'States.ALL' must appear alone" },
  { name: 'States.ALL in a Retrier that is not last', definition: task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['X'] }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0`, text: 'must be the last one' },
  { name: 'a BackoffRate below 1', definition: task({ Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0/BackoffRate` },
  { name: 'a negative MaxAttempts', definition: task({ Retry: [{ ErrorEquals: ['X'], MaxAttempts: -1 }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0/MaxAttempts` },
  { name: 'an IntervalSeconds of 0', definition: task({ Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 0 }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0/IntervalSeconds` },
  { name: 'a MaxDelaySeconds of 0', definition: task({ Retry: [{ ErrorEquals: ['X'], MaxDelaySeconds: 0 }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0/MaxDelaySeconds` },
  { name: 'an unknown JitterStrategy', definition: task({ Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'HALF' }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0/JitterStrategy`, text: '[FULL, NONE]' },
  { name: 'an unknown Retrier field', definition: task({ Retry: [{ ErrorEquals: ['X'], Delay: 1 }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry/0` },
  { name: 'a Retry that is not an array', definition: task({ Retry: {} }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Retry` },
  // Catch
  { name: 'a Catcher without Next', definition: task({ Catch: [{ ErrorEquals: ['X'] }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Catch/0`, text: '[Next]' },
  { name: 'a Catcher with an error name that is not a string', definition: task({ Catch: [{ ErrorEquals: [1], Next: 'E' }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Catch/0/ErrorEquals/0` },
  { name: 'States.ALL in a Catcher that is not last', definition: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'E' }, { ErrorEquals: ['X'], Next: 'E' }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Catch/0` },
  { name: 'a Catcher ResultPath that is not a reference path', definition: task({ Catch: [{ ErrorEquals: ['X'], Next: 'E', ResultPath: '$..e' }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Catch/0/ResultPath` },
  { name: 'a Catcher Output in a JSONPath state', definition: task({ Catch: [{ ErrorEquals: ['X'], Next: 'E', Output: {} }] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${T}/Catch/0`, text: "field 'Output'" },
];

describe('Choice, Retry and Catch rules', () => {
  it.each(bad)('reports $code at $location for $name', ({ definition, code, location, text, options }) => {
    expectError(definition, code, location, text, options);
  });

  it('accepts every operator family, nested boolean rules and variables', () => {
    expectValid(
      choice([
        { Variable: '$.s', StringMatches: 'a*', Next: 'E' },
        { Variable: '$$.Execution.Input.n', NumericGreaterThanEqualsPath: '$.m', Next: 'E' },
        { Variable: '$.t', TimestampLessThan: '2016-03-14T01:59:00Z', Next: 'E' },
        { And: [{ Variable: '$.b', BooleanEquals: true }, { Not: { Variable: '$.x', IsNull: true } }], Next: 'E', Assign: { seen: true } },
        { Or: [{ Variable: '$v', IsString: true }, { Variable: '$.n', NumericEquals: 3.5 }], Next: 'E' },
      ]),
    );
  });

  it('accepts JSONata Conditions, boolean literals included', () => {
    expectValid(choice([{ Condition: '{% $states.input.a > 1 %}', Next: 'E', Output: { x: '{% 1 %}' } }, { Condition: true, Next: 'E' }], {}, { QueryLanguage: 'JSONata' }));
  });

  it('accepts Retry and Catch in both languages', () => {
    expectValid(task({ Retry: [{ ErrorEquals: ['A', 'B'], IntervalSeconds: 1, MaxAttempts: 0, BackoffRate: 1, MaxDelaySeconds: 5, JitterStrategy: 'FULL' }, { ErrorEquals: ['States.ALL'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'E', ResultPath: '$.err' }] }));
    expectValid(jsonata({ Type: 'Task', Resource: 'r', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S', Output: '{% $states.errorOutput %}', Assign: { e: '{% $states.errorOutput %}' } }] }));
  });
});

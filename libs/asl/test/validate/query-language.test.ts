// Query-language rules: which fields JSONPath and JSONata states take, the refused downgrade of a
// state to JSONPath inside a JSONata machine, `{% %}` syntax, and JSONata forms of numeric fields.
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/validate.js';
import type { BadCase } from './helpers.js';
import { errors, expectError, expectValid, jsonata, oneState } from './helpers.js';

const S = '/States/S';
const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };

const bad: BadCase[] = [
  ...['InputPath', 'OutputPath', 'ResultPath'].map((field) => ({
    name: `${field} in a JSONata state`,
    definition: jsonata({ ...task, [field]: '$' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    location: S,
    text: `The QueryLanguage is set to 'JSONata', but field '${field}' is only supported for the 'JSONPath' QueryLanguage`,
  })),
  ...['Parameters', 'ResultSelector'].map((field) => ({
    name: `${field} in a JSONata state`,
    definition: jsonata({ ...task, [field]: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    location: S,
    text: `field '${field}'`,
  })),
  { name: 'TimeoutSecondsPath in a JSONata Task', definition: jsonata({ ...task, TimeoutSecondsPath: '$.t' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'ItemsPath in a JSONata Map', definition: jsonata({ Type: 'Map', End: true, ItemsPath: '$.a', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } } }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "field 'ItemsPath'" },
  { name: 'SecondsPath in a JSONata Wait', definition: jsonata({ Type: 'Wait', End: true, SecondsPath: '$.s' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'Result in a JSONata Pass', definition: jsonata({ Type: 'Pass', End: true, Result: 1 }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'ErrorPath in a JSONata Fail', definition: jsonata({ Type: 'Fail', ErrorPath: '$.e' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  {
    name: 'Arguments in a JSONPath state',
    definition: oneState({ ...task, Arguments: {} }),
    code: 'SCHEMA_VALIDATION_FAILED',
    location: S,
    text: "The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage",
  },
  { name: 'Output in a JSONPath state', definition: oneState({ Type: 'Pass', End: true, Output: 1 }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "field 'Output'" },
  { name: 'Items in a JSONPath Map', definition: oneState({ Type: 'Map', End: true, Items: [1], ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } } }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "field 'Items'" },
  {
    name: 'a JSONPath state inside a JSONata machine',
    definition: jsonata({ Type: 'Pass', End: true, QueryLanguage: 'JSONPath' }),
    code: 'SCHEMA_VALIDATION_FAILED',
    location: S,
    text: "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
  },
  { name: 'a state QueryLanguage that is not a language', definition: oneState({ Type: 'Pass', End: true, QueryLanguage: 'jsonata' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/QueryLanguage` },
  { name: 'a JSONata expression that does not parse', definition: jsonata({ Type: 'Pass', End: true, Output: { a: '{% $states.input. %}' } }), code: 'INVALID_JSONATA_EXPRESSION', location: `${S}/Output/a` },
  { name: 'an empty JSONata expression', definition: jsonata({ Type: 'Pass', End: true, Output: '{%  %}' }), code: 'INVALID_JSONATA_EXPRESSION', location: `${S}/Output` },
  { name: 'a broken expression inside Arguments arrays', definition: jsonata({ ...task, Arguments: { list: [1, '{% ( %}'] } }), code: 'INVALID_JSONATA_EXPRESSION', location: `${S}/Arguments/list/1` },
  { name: 'JSONata Arguments that are a number', definition: jsonata({ ...task, Arguments: 3 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Arguments`, text: '[OBJECT]' },
  { name: 'JSONata Arguments that are a plain string', definition: jsonata({ ...task, Arguments: 'x' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Arguments` },
  { name: 'a JSONata TimeoutSeconds that is neither integer nor expression', definition: jsonata({ ...task, TimeoutSeconds: 'ten' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/TimeoutSeconds` },
  { name: 'a JSONata Seconds expression that does not parse', definition: jsonata({ Type: 'Wait', End: true, Seconds: '{% 1 + %}' }), code: 'INVALID_JSONATA_EXPRESSION', location: `${S}/Seconds` },
  { name: 'a JSONata Fail Cause that does not parse', definition: jsonata({ Type: 'Fail', Cause: '{% "a" & %}' }), code: 'INVALID_JSONATA_EXPRESSION', location: `${S}/Cause` },
];

describe('query language rules', () => {
  it.each(bad)('reports $code at $location for $name', ({ definition, code, location, text, options }) => {
    expectError(definition, code, location, text, options);
  });

  it("gives JSONata's parse error without its error code, as AWS does", () => {
    expectError(jsonata({ Type: 'Pass', End: true, Output: '{% 1 + %}' }), 'INVALID_JSONATA_EXPRESSION', `${S}/Output`);
    const [d] = validateDefinition(jsonata({ Type: 'Pass', End: true, Output: '{% 1 + %}' }));
    expect(d?.message).toBe('Unexpected end of expression');
  });

  it('refuses names read from the absent context item (UNSUPPORTED_JSONATA_EXPRESSION)', () => {
    const d = validateDefinition(jsonata({ Type: 'Pass', End: true, Output: { v: '{% phone %}', w: '{% $$ %}' } }));
    expect(d.map((x) => `${x.code} ${x.location} ${x.message}`)).toEqual([
      "UNSUPPORTED_JSONATA_EXPRESSION /States/S/Output/v Reference to 'phone' at the top level is not supported.",
      "UNSUPPORTED_JSONATA_EXPRESSION /States/S/Output/w Reference to '$$' is not supported.",
    ]);
  });

  it("refuses $states.errorOutput outside a Catcher's Output and Assign", () => {
    expectError(jsonata({ Type: 'Pass', End: true, Output: '{% $states.errorOutput %}' }), 'UNSUPPORTED_JSONATA_EXPRESSION', `${S}/Output`, "Field '$states.errorOutput' does not exist.");
    expectError(jsonata({ Type: 'Pass', End: true, Assign: { e: '{% $states.errorOutput.Cause %}' } }), 'UNSUPPORTED_JSONATA_EXPRESSION', `${S}/Assign/e`);
    expectValid(
      jsonata({ ...task, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S', Output: { e: '{% $states.errorOutput.Error %}' }, Assign: { c: '{% $states.errorOutput.Cause %}' } }] }),
    );
  });

  it('accepts names read relative to an item: filters, sorts, group-by, later path steps, lambdas', () => {
    expectValid(
      jsonata({
        Type: 'Pass',
        End: true,
        Output: {
          a: '{% $states.input.items[price > 5].name %}',
          b: '{% $states.input.items^(>price) %}',
          c: '{% $sum($states.input.items.(price * qty)) %}',
          d: '{% $states.input.items{type: $count(name)} %}',
          e: '{% $map($states.input.items, function($v) { $v.name }) %}',
          f: '{% ($x := $states.input; $x.a) %}',
          g: '{% $states.context.Execution.Id & $myVar %}',
        },
      }),
    );
  });

  it('treats a misspelt QueryLanguage as JSONata besides reporting it, as AWS does', () => {
    const d = errors(oneState({ Type: 'Pass', End: true, QueryLanguage: 'jsonpath', Parameters: {} }));
    expect(d.map((x) => `${x.location} ${x.message}`)).toEqual([
      '/States/S/QueryLanguage Value should be one of the following: [JSONPath, JSONata]',
      "/States/S The QueryLanguage is set to 'JSONata', but field 'Parameters' is only supported for the 'JSONPath' QueryLanguage",
    ]);
  });

  it('lets a state upgrade to JSONata inside a JSONPath machine', () => {
    expectValid(oneState({ Type: 'Pass', End: true, QueryLanguage: 'JSONata', Output: '{% $states.input %}' }));
  });

  it('reports a JSONPath field in a JSONata-upgraded state', () => {
    expectError(oneState({ Type: 'Pass', End: true, QueryLanguage: 'JSONata', Parameters: {} }), 'SCHEMA_VALIDATION_FAILED', S, "field 'Parameters'");
  });

  it('reports only the downgrade, not the JSONPath fields, of a downgraded state', () => {
    const d = validateDefinition(jsonata({ Type: 'Pass', End: true, QueryLanguage: 'JSONPath', Parameters: { a: 1 } }));
    expect(d.filter((x) => x.severity === 'ERROR').map((x) => x.message)).toEqual([
      "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
    ]);
  });

  it('accepts JSONata forms of numeric and timestamp fields', () => {
    expectValid(jsonata({ ...task, TimeoutSeconds: '{% $states.input.t %}', HeartbeatSeconds: 5, Arguments: '{% $states.input %}' }));
    expectValid(jsonata({ Type: 'Wait', End: true, Timestamp: '{% $now() %}' }));
    expectValid(jsonata({ Type: 'Fail', Error: '{% "E" %}', Cause: 'plain text' }));
  });

  it('treats a string that only looks like a template as a literal', () => {
    expectValid(jsonata({ Type: 'Pass', End: true, Output: { a: ' {% not checked ( %} ', b: '{% unfinished' } }));
  });

  it('does not parse {% %} strings in JSONPath states', () => {
    expectValid(oneState({ Type: 'Pass', End: true, Parameters: { a: '{% ( %}' } }));
  });
});

// Definition-level rules: JSON text, top-level fields, StartAt and transition targets,
// reachability, terminal states, state names, nesting, limits, and the InvalidDefinition message.
import { describe, expect, it } from 'vitest';
import { formatInvalidDefinition } from '../../src/definition/diagnostics.js';
import { validateDefinition } from '../../src/definition/validate.js';
import type { BadCase } from './helpers.js';
import { errors, expectError, expectValid, oneState } from './helpers.js';

const pass = { Type: 'Pass', End: true };

const bad: BadCase[] = [
  { name: 'JSON text that does not parse', definition: '{"StartAt": ', code: 'INVALID_JSON_DESCRIPTION', location: '/' },
  { name: 'a blank definition', definition: '  ', code: 'SCHEMA_VALIDATION_FAILED', location: '', text: 'Definition must be a valid JSON object' },
  { name: 'a null definition', definition: null, code: 'MISSING_DESCRIPTION', location: '' },
  { name: 'a JSON array', definition: '[]', code: 'SCHEMA_VALIDATION_FAILED', location: '', text: 'valid JSON object' },
  { name: 'an empty object', definition: {}, code: 'SCHEMA_VALIDATION_FAILED', location: '/', text: 'These fields are required: [StartAt, States]' },
  { name: 'no StartAt', definition: { States: { S: pass } }, code: 'SCHEMA_VALIDATION_FAILED', location: '/', text: 'These fields are required: [StartAt]' },
  { name: 'no States', definition: { StartAt: 'S' }, code: 'SCHEMA_VALIDATION_FAILED', location: '/', text: 'These fields are required: [States]' },
  { name: 'StartAt not a string', definition: { StartAt: 1, States: { S: pass } }, code: 'SCHEMA_VALIDATION_FAILED', location: '/StartAt', text: '[STRING]' },
  { name: 'empty States', definition: { StartAt: 'S', States: {} }, code: 'SCHEMA_VALIDATION_FAILED', location: '/States' },
  { name: 'an unknown top-level field', definition: oneState(pass, { Foo: 1 }), code: 'SCHEMA_VALIDATION_FAILED', location: '/', text: 'The field "Foo" is not supported by Step Functions' },
  { name: 'a QueryLanguage that is not JSONPath or JSONata', definition: oneState(pass, { QueryLanguage: 'XPath' }), code: 'SCHEMA_VALIDATION_FAILED', location: '/QueryLanguage', text: '[JSONPath, JSONata]' },
  { name: 'a Version that is not a string', definition: oneState(pass, { Version: 1 }), code: 'SCHEMA_VALIDATION_FAILED', location: '/Version' },
  { name: 'a Comment that is not a string', definition: oneState(pass, { Comment: {} }), code: 'SCHEMA_VALIDATION_FAILED', location: '/Comment' },
  { name: 'a zero TimeoutSeconds', definition: oneState(pass, { TimeoutSeconds: 0 }), code: 'SCHEMA_VALIDATION_FAILED', location: '/TimeoutSeconds' },
  { name: 'a fractional TimeoutSeconds', definition: oneState(pass, { TimeoutSeconds: 1.5 }), code: 'SCHEMA_VALIDATION_FAILED', location: '/TimeoutSeconds', text: '[INTEGER]' },
  { name: 'StartAt naming no state', definition: { StartAt: 'Nope', States: { S: pass } }, code: 'MISSING_TRANSITION_TARGET', location: '/StartAt', text: 'Nope' },
  {
    name: 'a Next naming no state',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Foo' }, B: pass } },
    code: 'MISSING_TRANSITION_TARGET',
    location: '/States/A/Next',
    text: "Missing 'Next' target: Foo",
  },
  {
    name: 'a Choice Default naming no state',
    definition: {
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'E' }], Default: 'Gone' }, E: pass },
    },
    code: 'MISSING_TRANSITION_TARGET',
    location: '/States/C/Default',
    text: "Missing 'Next' target: Gone",
  },
  {
    name: 'a Choice rule Next naming no state',
    definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Gone' }], Default: 'E' }, E: pass } },
    code: 'MISSING_TRANSITION_TARGET',
    location: '/States/C/Choices/0/Next',
  },
  {
    name: 'a Catch Next naming no state',
    definition: oneState({ Type: 'Task', Resource: 'r', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }] }),
    code: 'MISSING_TRANSITION_TARGET',
    location: '/States/S/Catch/0/Next',
  },
  {
    name: 'an unreachable state',
    definition: { StartAt: 'A', States: { A: pass, B: pass } },
    code: 'MISSING_TRANSITION_TARGET',
    location: '/States/B',
    text: 'State "B" is not reachable.',
  },
  {
    name: 'no terminal state',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } },
    code: 'MISSING_END_STATE',
    location: '',
  },
  {
    name: 'a Next inside a branch naming a state outside it',
    definition: {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Next: 'Out', Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Out' } } }] },
        Out: pass,
      },
    },
    code: 'MISSING_TRANSITION_TARGET',
    location: '/States/P/Branches/0/States/X/Next',
  },
  {
    name: 'an unreachable state inside a Map processor',
    definition: oneState({
      Type: 'Map',
      End: true,
      ItemProcessor: { StartAt: 'X', States: { X: pass, Y: pass } },
    }),
    code: 'MISSING_TRANSITION_TARGET',
    location: '/States/S/ItemProcessor/States/Y',
  },
  {
    name: 'a branch without StartAt',
    definition: oneState({ Type: 'Parallel', End: true, Branches: [{ States: { X: pass } }] }),
    code: 'SCHEMA_VALIDATION_FAILED',
    location: '/States/S/Branches/0',
    text: '[StartAt]',
  },
  {
    name: 'a state name longer than 80 characters',
    definition: { StartAt: 'x'.repeat(81), States: { ['x'.repeat(81)]: pass } },
    code: 'INVALID_STATE_NAME',
    location: `/States/${'x'.repeat(81)}`,
  },
  {
    name: 'a state name used twice in nested machines',
    definition: {
      StartAt: 'P',
      States: { P: { Type: 'Parallel', Next: 'X', Branches: [{ StartAt: 'X', States: { X: pass } }] }, X: pass },
    },
    code: 'DUPLICATE_STATE_NAME',
    location: '/States/X',
  },
  {
    name: 'more states than maxStates',
    definition: { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: pass } },
    options: { maxStates: 1 },
    code: 'SCHEMA_VALIDATION_FAILED',
    location: '/States',
  },
  {
    name: 'a definition larger than maxDefinitionBytes',
    definition: oneState(pass, { Comment: 'x'.repeat(200) }),
    options: { maxDefinitionBytes: 100 },
    code: 'SCHEMA_VALIDATION_FAILED',
    location: '/',
    text: 'less than or equal to 100',
  },
];

describe('definition structure', () => {
  it.each(bad)('reports $code at $location for $name', ({ definition, code, location, text, options }) => {
    expectError(definition, code, location, text, options);
  });

  it('accepts JSON text as well as a parsed definition', () => {
    expectValid(JSON.stringify(oneState(pass)));
    expectValid(oneState(pass, { Comment: 'c', Version: '1.0', TimeoutSeconds: 60, QueryLanguage: 'JSONata' }));
  });

  it('reports a state name repeated in the JSON text, which JSON.parse would silently drop', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true},"A":{"Type":"Succeed"}}}';
    expectError(text, 'DUPLICATE_STATE_NAME', '/States/A', 'Duplicate State name: A');
    const nested =
      '{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},' +
      '{"StartAt":"Y","States":{"Y":{"Type":"Pass","End":true},"Y":{"Type":"Succeed"}}}]}}}';
    expectError(nested, 'DUPLICATE_STATE_NAME', '/States/P/Branches/1/States/Y');
    expectValid('{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"k":"A","q":"\\"States\\""},"End":true}}}');
  });

  it('escapes / and ~ in state names inside locations (JSON pointer)', () => {
    expectError({ StartAt: 'a/b', States: { 'a/b': { Type: 'Pass', Next: 'x~y' } } }, 'MISSING_TRANSITION_TARGET', '/States/a~1b/Next');
  });

  it('reports deep nesting as TOO_DEEPLY_NESTED instead of recursing without bound', () => {
    let body: Record<string, unknown> = { StartAt: 'L', States: { L: pass } };
    for (let i = 0; i < 60; i++) body = { StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [body] } } };
    const found = validateDefinition(body).filter((d) => d.code === 'TOO_DEEPLY_NESTED');
    expect(found).toHaveLength(1);
  });

  it('reports several problems at once, never throwing', () => {
    const all = errors({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Foo' }, B: pass, C: { Type: 'Nope' } } });
    expect(all.map((d) => `${d.code} ${d.location}`)).toEqual(
      expect.arrayContaining(['SCHEMA_VALIDATION_FAILED /States/C/Type', 'MISSING_TRANSITION_TARGET /States/A/Next', 'MISSING_TRANSITION_TARGET /States/B']),
    );
  });
});

describe('formatInvalidDefinition', () => {
  it("renders AWS's CreateStateMachine message from the ERROR diagnostics", () => {
    const d = validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Foo' }, B: pass } });
    expect(formatInvalidDefinition(d)).toBe(
      "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: Foo at /States/A/Next, " +
        "MISSING_TRANSITION_TARGET: State \"B\" is not reachable. at /States/B'",
    );
  });

  it('renders a diagnostic without location as "at null", as AWS does', () => {
    const d = validateDefinition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' }, C: { Type: 'Pass', Next: 'A' } } });
    // AWS: MISSING_END_STATE alone, without "not reachable" for C.
    expect(d.map((x) => x.code)).toEqual(['MISSING_END_STATE']);
    expect(formatInvalidDefinition(d)).toBe("Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'");
  });

  it('leaves WARNINGs out of the message', () => {
    const message = formatInvalidDefinition([
      { severity: 'WARNING', code: 'NO_DOLLAR', message: 'w', location: '/States/A/Parameters/x' },
      { severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [States]', location: '/' },
    ]);
    expect(message).toBe("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'");
  });
});

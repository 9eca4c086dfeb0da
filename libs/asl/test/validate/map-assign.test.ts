// Map rules (processor, concurrency and tolerance, ItemReader/ItemBatcher/ResultWriter, Label),
// Assign variable names, and the payload WARNINGs (NO_DOLLAR, PASS_RESULT_IS_STATIC).
import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../src/definition/validate.js';
import type { BadCase } from './helpers.js';
import { expectError, expectValid, jsonata, oneState } from './helpers.js';

type Obj = Record<string, unknown>;
const S = '/States/S';
const processor = { StartAt: 'X', States: { X: { Type: 'Succeed' } } };
const map = (extra: Obj): Obj => oneState({ Type: 'Map', End: true, ItemProcessor: processor, ...extra });
const distributed = { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } };

const bad: BadCase[] = [
  { name: 'a Map without ItemProcessor', definition: oneState({ Type: 'Map', End: true }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: '[ItemProcessor, Iterator]' },
  { name: 'both ItemProcessor and Iterator', definition: map({ Iterator: processor }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'an unknown ProcessorConfig Mode', definition: map({ ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'SERIAL' } } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemProcessor/ProcessorConfig/Mode`, text: '[INLINE, DISTRIBUTED]' },
  { name: 'an unknown ExecutionType', definition: map({ ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'FAST' } } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemProcessor/ProcessorConfig/ExecutionType` },
  { name: 'a distributed Map without ExecutionType', definition: map({ ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED' } } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemProcessor/ProcessorConfig`, text: '[ExecutionType]' },
  { name: 'a distributed Map in an EXPRESS machine', definition: map({ ItemProcessor: distributed }), options: { type: 'EXPRESS' }, code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemProcessor/ProcessorConfig/Mode` },
  { name: 'an invalid state inside the processor', definition: map({ ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', Next: 'Y' } } } }), code: 'MISSING_TRANSITION_TARGET', location: `${S}/ItemProcessor/States/X/Next` },
  { name: 'an invalid state inside an Iterator', definition: oneState({ Type: 'Map', End: true, Iterator: { StartAt: 'X', States: { X: { Type: 'Pass' } } } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Iterator/States/X` },
  { name: 'a negative MaxConcurrency', definition: map({ MaxConcurrency: -1 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/MaxConcurrency` },
  { name: 'MaxConcurrency with MaxConcurrencyPath', definition: map({ MaxConcurrency: 1, MaxConcurrencyPath: '$.m' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'a ToleratedFailurePercentage above 100', definition: map({ ItemProcessor: distributed, ToleratedFailurePercentage: 101 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ToleratedFailurePercentage`, text: 'less than or equal to 100' },
  { name: 'a negative ToleratedFailureCount', definition: map({ ItemProcessor: distributed, ToleratedFailureCount: -2 }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ToleratedFailureCount` },
  { name: 'ToleratedFailureCount with its Path', definition: map({ ToleratedFailureCount: 1, ToleratedFailureCountPath: '$.c' }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'an ItemsPath that is not a reference path', definition: map({ ItemsPath: '$.items[*]' }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemsPath` },
  { name: 'ItemSelector with Parameters', definition: map({ ItemSelector: {}, Parameters: {} }), code: 'SCHEMA_VALIDATION_FAILED', location: S },
  { name: 'an ItemSelector .$ with an invalid path', definition: map({ ItemSelector: { 'v.$': '$$.Map.Item.Value[' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemSelector/v.$` },
  { name: 'JSONata Items that are an object', definition: jsonata({ Type: 'Map', End: true, ItemProcessor: processor, Items: {} }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Items` },
  { name: 'an ItemReader without Resource', definition: map({ ItemProcessor: distributed, ItemReader: { Parameters: {} } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemReader`, text: '[Resource]' },
  { name: 'an unknown ReaderConfig InputType', definition: map({ ItemProcessor: distributed, ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'XML' } } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemReader/ReaderConfig/InputType` },
  { name: 'an unknown ItemReader field', definition: map({ ItemProcessor: distributed, ItemReader: { Resource: 'r', Reader: {} } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemReader` },
  { name: 'an ItemBatcher MaxItemsPerBatch of 0', definition: map({ ItemProcessor: distributed, ItemBatcher: { MaxItemsPerBatch: 0 } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemBatcher/MaxItemsPerBatch` },
  { name: 'an ItemBatcher with both MaxItemsPerBatch forms', definition: map({ ItemProcessor: distributed, ItemBatcher: { MaxItemsPerBatch: 2, MaxItemsPerBatchPath: '$.n' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ItemBatcher` },
  { name: 'an unknown ResultWriter Transformation', definition: map({ ItemProcessor: distributed, ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', WriterConfig: { OutputType: 'JSON', Transformation: 'ALL' } } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/ResultWriter/WriterConfig/Transformation` },
  { name: 'a Label longer than 40 characters', definition: map({ Label: 'l'.repeat(41) }), code: 'INVALID_LABEL_NAME', location: `${S}/Label` },
  { name: 'a Label with a space', definition: map({ Label: 'my label' }), code: 'INVALID_LABEL_NAME', location: `${S}/Label` },
  {
    name: 'a Label used twice',
    definition: {
      StartAt: 'A',
      States: {
        A: { Type: 'Map', Next: 'B', Label: 'L', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Succeed' } } } },
        B: { Type: 'Map', End: true, Label: 'L', ItemProcessor: { StartAt: 'Y', States: { Y: { Type: 'Succeed' } } } },
      },
    },
    code: 'DUPLICATE_LABEL_NAME',
    location: '/States/B/Label',
  },
  // Assign
  { name: 'an Assign that is not an object', definition: oneState({ Type: 'Pass', End: true, Assign: [] }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Assign` },
  { name: 'a variable name starting with a digit', definition: oneState({ Type: 'Pass', End: true, Assign: { '1x': 1 } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Assign/1x` },
  { name: 'a variable name with a dash', definition: oneState({ Type: 'Pass', End: true, Assign: { 'a-b': 1 } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Assign/a-b` },
  { name: 'a variable name longer than 80 characters', definition: oneState({ Type: 'Pass', End: true, Assign: { ['v'.repeat(81)]: 1 } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Assign/${'v'.repeat(81)}` },
  { name: 'the reserved variable name states', definition: jsonata({ Type: 'Pass', End: true, Assign: { states: 1 } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Assign/states`, text: 'reserved' },
  { name: 'a .$ variable with an invalid path', definition: oneState({ Type: 'Pass', End: true, Assign: { 'x.$': 'x' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Assign/x.$` },
  { name: 'a .$ variable name in a JSONata state', definition: jsonata({ Type: 'Pass', End: true, Assign: { 'x.$': '$.a' } }), code: 'SCHEMA_VALIDATION_FAILED', location: `${S}/Assign/x.$` },
  { name: 'a JSONata Assign value that does not parse', definition: jsonata({ Type: 'Pass', End: true, Assign: { x: '{% $states.input.( %}' } }), code: 'INVALID_JSONATA_EXPRESSION', location: `${S}/Assign/x` },
  { name: 'Assign on a Succeed state', definition: oneState({ Type: 'Succeed', Assign: { x: 1 } }), code: 'SCHEMA_VALIDATION_FAILED', location: S, text: "Field 'Assign' is not supported" },
];

describe('Map and Assign rules', () => {
  it.each(bad)('reports $code at $location for $name', ({ definition, code, location, text, options }) => {
    expectError(definition, code, location, text, options);
  });

  it('accepts inline and distributed Maps in both languages', () => {
    expectValid(map({ ItemsPath: '$.items', ItemSelector: { 'v.$': '$$.Map.Item.Value' }, MaxConcurrency: 0, ResultPath: '$.out', Label: 'Each_1' }));
    expectValid(
      map({
        ItemProcessor: distributed,
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', MaxItemsPath: '$.max' }, Parameters: { 'Bucket.$': '$.b', Key: 'k' } },
        ItemBatcher: { MaxItemsPerBatch: 10, BatchInput: { 'x.$': '$.x' } },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'p' } },
        ToleratedFailurePercentage: 12.5,
        ToleratedFailureCountPath: '$.count',
      }),
    );
    expectValid(jsonata({ Type: 'Map', End: true, ItemProcessor: processor, Items: '{% $states.input.list %}', MaxConcurrency: '{% 2 %}', ItemSelector: { v: '{% $states.context.Map.Item.Value %}' } }));
  });

  it('accepts Unicode variable names and reads $var paths', () => {
    expectValid(oneState({ Type: 'Pass', End: true, Assign: { _x: 1, café: 'ok', 'ref.$': '$previous.field', 'fn.$': 'States.ArrayLength($.a)' } }));
  });

  it('warns NO_DOLLAR on a path-looking value under a key without .$, without failing', () => {
    const d = validateDefinition(oneState({ Type: 'Pass', End: true, Parameters: { a: '$.a', b: 'States.UUID()', c: 'plain' } }));
    expect(d.filter((x) => x.severity === 'ERROR')).toEqual([]);
    expect(d.filter((x) => x.code === 'NO_DOLLAR').map((x) => x.location)).toEqual(['/States/S/Parameters/a', '/States/S/Parameters/b']);
    expect(d.every((x) => x.severity === 'WARNING')).toBe(true);
  });

  it('warns PASS_RESULT_IS_STATIC on a .$ key or a path in a Pass Result', () => {
    const d = validateDefinition(oneState({ Type: 'Pass', End: true, Result: { 'a.$': '$.x', b: ['$.y', 'text'] } }));
    expect(d.map((x) => `${x.severity} ${x.code} ${x.location}`)).toEqual([
      'WARNING PASS_RESULT_IS_STATIC /States/S/Result/a.$',
      'WARNING PASS_RESULT_IS_STATIC /States/S/Result/b/0',
    ]);
  });
});

/**
 * Map states: exactly one of ItemProcessor/Iterator (validated as a nested state machine, with
 * ProcessorConfig Mode INLINE|DISTRIBUTED and ExecutionType STANDARD|EXPRESS), ItemsPath or
 * Items, ItemSelector, MaxConcurrency ≥ 0, ToleratedFailureCount ≥ 0, ToleratedFailurePercentage
 * 0..100 (each exclusive with its *Path), the shapes of ItemReader, ItemBatcher and
 * ResultWriter, and Label (≤ 40 characters, no special characters, unique in the definition).
 */
import { pointer } from '../diagnostics.js';
import type { StateScope, ValidationContext } from './context.js';
import { checkObjectFields } from './fields.js';
import { msg } from './messages.js';
import { checkJsonataValue, checkPayload } from './payload.js';
import type { JsonRecord } from './values.js';
import {
  checkJsonataString,
  checkNumberField,
  checkPathField,
  exclusive,
  expectArray,
  expectEnum,
  expectObject,
  expectString,
  has,
} from './values.js';

/** Validates a nested state machine (a Parallel branch or a Map processor). */
export type SubMachineCheck = (body: unknown, loc: string, kind: 'branch' | 'processor') => void;

export function checkMap(scope: StateScope, state: JsonRecord, subMachine: SubMachineCheck): void {
  const { ctx, location } = scope;
  exclusive(ctx, state, location, ['ItemProcessor', 'Iterator'], true);
  for (const field of ['ItemProcessor', 'Iterator']) {
    if (!has(state, field)) continue;
    const at = pointer(location, field);
    const processor = state[field];
    if (!expectObject(ctx, processor, at)) continue;
    if (has(processor, 'ProcessorConfig')) checkProcessorConfig(ctx, processor['ProcessorConfig'], pointer(at, 'ProcessorConfig'));
    subMachine(processor, at, 'processor');
  }
  if (scope.language === 'JSONPath') {
    checkPathField(ctx, state, 'ItemsPath', location, 'reference');
    checkPathField(ctx, state, 'MaxConcurrencyPath', location, 'reference');
    checkPathField(ctx, state, 'ToleratedFailureCountPath', location, 'reference');
    checkPathField(ctx, state, 'ToleratedFailurePercentagePath', location, 'reference');
    if (has(state, 'Parameters')) checkPayload(ctx, 'JSONPath', state['Parameters'], pointer(location, 'Parameters'));
  } else if (has(state, 'Items')) {
    const at = pointer(location, 'Items');
    const items = state['Items'];
    if (Array.isArray(items)) checkJsonataValue(ctx, items, at);
    else if (!checkJsonataString(ctx, items, at)) ctx.schema(msg.jsonataOrType('Items', 'an array'), at);
  }
  exclusive(ctx, state, location, ['ItemSelector', 'Parameters']);
  if (has(state, 'ItemSelector')) checkPayload(ctx, scope.language, state['ItemSelector'], pointer(location, 'ItemSelector'));
  exclusive(ctx, state, location, ['MaxConcurrency', 'MaxConcurrencyPath']);
  exclusive(ctx, state, location, ['ToleratedFailureCount', 'ToleratedFailureCountPath']);
  exclusive(ctx, state, location, ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath']);
  checkNumberField(scope, state, 'MaxConcurrency', location, { integer: true, min: 0 });
  checkNumberField(scope, state, 'ToleratedFailureCount', location, { integer: true, min: 0 });
  checkNumberField(scope, state, 'ToleratedFailurePercentage', location, { integer: false, min: 0, max: 100 });
  if (has(state, 'ItemReader')) checkItemReader(scope, state['ItemReader'], pointer(location, 'ItemReader'));
  if (has(state, 'ItemBatcher')) checkItemBatcher(scope, state['ItemBatcher'], pointer(location, 'ItemBatcher'));
  if (has(state, 'ResultWriter')) checkResultWriter(scope, state['ResultWriter'], pointer(location, 'ResultWriter'));
  if (has(state, 'Label')) checkLabel(ctx, state['Label'], pointer(location, 'Label'));
}

function checkProcessorConfig(ctx: ValidationContext, v: unknown, at: string): void {
  if (!expectObject(ctx, v, at)) return;
  checkObjectFields(ctx, v, { Mode: 'both', ExecutionType: 'both' }, ctx.machineLanguage, at);
  if (has(v, 'Mode') && expectEnum(ctx, v['Mode'], pointer(at, 'Mode'), ['INLINE', 'DISTRIBUTED'])) {
    if (v['Mode'] === 'DISTRIBUTED' && ctx.type === 'EXPRESS') ctx.schema(msg.expressDistributed(), pointer(at, 'Mode'));
  }
  if (has(v, 'ExecutionType')) expectEnum(ctx, v['ExecutionType'], pointer(at, 'ExecutionType'), ['STANDARD', 'EXPRESS']);
  else if (v['Mode'] === 'DISTRIBUTED') ctx.schema(msg.required(['ExecutionType']), at);
}

/** Resource (required), Parameters (JSONPath) or Arguments (JSONata), and the given config object. */
function checkResourceObject(scope: StateScope, o: JsonRecord, at: string, config: string): void {
  const { ctx } = scope;
  checkObjectFields(ctx, o, { Resource: 'both', Parameters: 'JSONPath', Arguments: 'JSONata', [config]: 'both' }, scope.language, at);
  if (!has(o, 'Resource')) ctx.schema(msg.required(['Resource']), at);
  else expectString(ctx, o['Resource'], pointer(at, 'Resource'));
  if (has(o, 'Parameters') && scope.language === 'JSONPath') checkPayload(ctx, 'JSONPath', o['Parameters'], pointer(at, 'Parameters'));
  if (has(o, 'Arguments') && scope.language === 'JSONata') checkJsonataValue(ctx, o['Arguments'], pointer(at, 'Arguments'));
}

function checkItemReader(scope: StateScope, v: unknown, at: string): void {
  const { ctx } = scope;
  if (!expectObject(ctx, v, at)) return;
  checkResourceObject(scope, v, at, 'ReaderConfig');
  if (!has(v, 'ReaderConfig')) return;
  const cat = pointer(at, 'ReaderConfig');
  const config = v['ReaderConfig'];
  if (!expectObject(ctx, config, cat)) return;
  checkObjectFields(
    ctx,
    config,
    {
      InputType: 'both',
      CSVHeaderLocation: 'both',
      CSVHeaders: 'both',
      CSVDelimiter: 'both',
      MaxItems: 'both',
      MaxItemsPath: 'JSONPath',
      ManifestType: 'both',
      Transformation: 'both',
    },
    scope.language,
    cat,
  );
  if (has(config, 'InputType')) expectEnum(ctx, config['InputType'], pointer(cat, 'InputType'), ['CSV', 'JSON', 'JSONL', 'MANIFEST', 'PARQUET']);
  if (has(config, 'CSVHeaderLocation')) {
    expectEnum(ctx, config['CSVHeaderLocation'], pointer(cat, 'CSVHeaderLocation'), ['FIRST_ROW', 'GIVEN']);
  }
  if (has(config, 'CSVHeaders')) {
    const hat = pointer(cat, 'CSVHeaders');
    const headers = config['CSVHeaders'];
    if (expectArray(ctx, headers, hat)) headers.forEach((h, i) => expectString(ctx, h, pointer(hat, i)));
  }
  exclusive(ctx, config, cat, ['MaxItems', 'MaxItemsPath']);
  checkNumberField(scope, config, 'MaxItems', cat, { integer: true, min: 0, max: 100_000_000 });
  if (scope.language === 'JSONPath') checkPathField(ctx, config, 'MaxItemsPath', cat, 'reference');
}

function checkItemBatcher(scope: StateScope, v: unknown, at: string): void {
  const { ctx } = scope;
  if (!expectObject(ctx, v, at)) return;
  checkObjectFields(
    ctx,
    v,
    {
      MaxItemsPerBatch: 'both',
      MaxItemsPerBatchPath: 'JSONPath',
      MaxInputBytesPerBatch: 'both',
      MaxInputBytesPerBatchPath: 'JSONPath',
      BatchInput: 'both',
    },
    scope.language,
    at,
  );
  exclusive(ctx, v, at, ['MaxItemsPerBatch', 'MaxItemsPerBatchPath']);
  exclusive(ctx, v, at, ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath']);
  checkNumberField(scope, v, 'MaxItemsPerBatch', at, { integer: true, min: 1 });
  checkNumberField(scope, v, 'MaxInputBytesPerBatch', at, { integer: true, min: 1, max: 262_144 });
  if (scope.language === 'JSONPath') {
    checkPathField(ctx, v, 'MaxItemsPerBatchPath', at, 'reference');
    checkPathField(ctx, v, 'MaxInputBytesPerBatchPath', at, 'reference');
  }
  if (has(v, 'BatchInput')) checkPayload(ctx, scope.language, v['BatchInput'], pointer(at, 'BatchInput'));
}

function checkResultWriter(scope: StateScope, v: unknown, at: string): void {
  const { ctx } = scope;
  if (!expectObject(ctx, v, at)) return;
  checkResourceObject(scope, v, at, 'WriterConfig');
  if (!has(v, 'WriterConfig')) return;
  const wat = pointer(at, 'WriterConfig');
  const config = v['WriterConfig'];
  if (!expectObject(ctx, config, wat)) return;
  checkObjectFields(ctx, config, { OutputType: 'both', Transformation: 'both' }, scope.language, wat);
  if (has(config, 'OutputType')) expectEnum(ctx, config['OutputType'], pointer(wat, 'OutputType'), ['JSON', 'JSONL']);
  if (has(config, 'Transformation')) {
    expectEnum(ctx, config['Transformation'], pointer(wat, 'Transformation'), ['NONE', 'COMPACT', 'FLATTEN']);
  }
}

/** AWS's label rule: at most 40 characters; no white space, brackets, wildcards, special or control characters. */
// eslint-disable-next-line no-control-regex
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;
const MAX_LABEL_LENGTH = 40;

function checkLabel(ctx: ValidationContext, v: unknown, at: string): void {
  if (!expectString(ctx, v, at)) return;
  if ([...v].length > MAX_LABEL_LENGTH) ctx.error('INVALID_LABEL_NAME', msg.labelTooLong(v), at);
  else if (v === '' || LABEL_FORBIDDEN.test(v)) ctx.error('INVALID_LABEL_NAME', msg.labelCharacters(v), at);
  const first = ctx.labels.get(v);
  if (first === undefined) ctx.labels.set(v, at);
  else ctx.error('DUPLICATE_LABEL_NAME', msg.duplicateLabel(v), at);
}

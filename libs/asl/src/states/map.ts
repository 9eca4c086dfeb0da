/**
 * Map: reads its items (ItemsPath / Items), shapes each one (ItemSelector or legacy Parameters,
 * ItemBatcher), asks the driver to run one child frame per item (MapStateStarted, plus
 * MapRunStarted in DISTRIBUTED mode) and applies its result pipeline to the array of outputs.
 * The order of failures follows AWS's histories: MaxConcurrency problems fail before
 * MapStateStarted, item problems write MapStateFailed, tolerance problems come after
 * MapStateStarted. ItemReader and ResultWriter (S3) are not supported by this interpreter and
 * fail clearly.
 */
import type { MapState } from '../definition/types.js';
import type { Json, JsonObject } from '../json.js';
import { isObject, toJsonText } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import type { ChildSpawn } from '../frame.js';
import type { Outcome, StateEvaluator, StateRun } from './evaluator.js';
import { evaluateTemplate, selectPath } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { processorScope } from '../definition/compile.js';
import { completeWithResult } from './common.js';
import { batchItems, readNumber } from './map-config.js';

function mode(state: MapState): 'INLINE' | 'DISTRIBUTED' {
  const processor = state.ItemProcessor ?? state.Iterator;
  return processor?.ProcessorConfig?.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
}

function notArray(run: StateRun, v: Json): StatesError {
  const error = run.queryLanguage === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime';
  return new StatesError(error, `Map state input must be an array but was: ${toJsonText(v)}`);
}

/**
 * ItemReader: AWS writes MapStateStarted, then checks ReaderConfig (MaxItems/MaxItemsPath), then
 * reads the object. Reading from S3 is out of this interpreter's scope, so that step fails clearly.
 */
async function failItemReader(run: StateRun, state: MapState, effective: Json): Promise<Outcome> {
  run.emit('MapStateStarted', { length: 0 });
  const reader = isObject(state.ItemReader) ? state.ItemReader : {};
  const config = isObject(reader['ReaderConfig']) ? reader['ReaderConfig'] : {};
  const maxItems = config['MaxItems'];
  const maxItemsPath = config['MaxItemsPath'];
  await readNumber(
    run,
    effective,
    'MaxItems',
    typeof maxItems === 'number' || typeof maxItems === 'string' ? maxItems : undefined,
    typeof maxItemsPath === 'string' ? maxItemsPath : undefined,
    'integer',
  );
  throw new StatesError('States.ItemReaderFailed', 'ItemReader is not supported by this interpreter: pass the items in the input (ItemsPath or Items).');
}

async function readItems(run: StateRun, state: MapState, effective: Json): Promise<Json[]> {
  let items: Json;
  if (run.queryLanguage === 'JSONata') {
    items = state.Items !== undefined ? await evaluateJsonataValue(run, state.Items, jsonataStates(run, run.frame.stateInput), 'Items') : effective;
  } else {
    items = selectPath(run, state.ItemsPath, effective);
  }
  if (!Array.isArray(items)) throw notArray(run, items);
  return items;
}

async function itemInputs(run: StateRun, state: MapState, effective: Json, items: Json[]): Promise<Json[]> {
  const selector = state.ItemSelector ?? state.Parameters;
  let shaped: Json[] = items;
  if (selector !== undefined) {
    shaped = [];
    const base = run.contextObject();
    for (const [index, value] of items.entries()) {
      const context: JsonObject = { ...base, Map: { Item: { Index: index, Value: value } } };
      if (run.queryLanguage === 'JSONata') {
        shaped.push(await evaluateJsonataValue(run, selector, jsonataStates(run, run.frame.stateInput, { context }), 'ItemSelector'));
      } else {
        shaped.push(evaluateTemplate(run, selector, effective, state.ItemSelector !== undefined ? 'ItemSelector' : 'Parameters', context));
      }
    }
  }
  const b = state.ItemBatcher;
  if (b === undefined) return shaped;
  const maxItems = await readNumber(run, effective, 'MaxItemsPerBatch', b.MaxItemsPerBatch, b.MaxItemsPerBatchPath, 'integer');
  const maxBytes = await readNumber(run, effective, 'MaxInputBytesPerBatch', b.MaxInputBytesPerBatch, b.MaxInputBytesPerBatchPath, 'integer');
  let batchInput: Json | undefined;
  if (b.BatchInput !== undefined) {
    batchInput =
      run.queryLanguage === 'JSONata'
        ? await evaluateJsonataValue(run, b.BatchInput, jsonataStates(run, run.frame.stateInput), 'BatchInput')
        : evaluateTemplate(run, b.BatchInput, effective, 'BatchInput');
  }
  return batchItems(shaped, maxItems, maxBytes, batchInput);
}

/** `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<id>` from the execution ARN. */
function mapRunArn(run: StateRun, label: string): string {
  const m = /^arn:([^:]+):states:([^:]*):([^:]*):execution:([^:]+):/.exec(run.ctx.execution.id);
  const [partition, region, account, machine] = m ? [m[1], m[2], m[3], m[4]] : ['aws', 'us-east-1', '000000000000', run.ctx.execution.stateMachineName];
  return `arn:${partition}:states:${region}:${account}:mapRun:${machine}/${label}:${run.ctx.uuid()}`;
}

export const mapEvaluator: StateEvaluator<MapState> = {
  async enter(run, state) {
    const raw = run.frame.stateInput;
    const effective = run.queryLanguage === 'JSONata' ? raw : selectPath(run, state.InputPath, raw);
    const maxConcurrency = (await readNumber(run, effective, 'MaxConcurrency', state.MaxConcurrency, state.MaxConcurrencyPath, 'integer')) ?? 0;
    if (state.ItemReader !== undefined) return failItemReader(run, state, effective);
    if (state.ResultWriter !== undefined) {
      throw new StatesError('States.ResultWriterFailed', 'ResultWriter is not supported by this interpreter: remove it to receive the results as the state result.');
    }
    let inputs: Json[];
    try {
      inputs = await itemInputs(run, state, effective, await readItems(run, state, effective));
    } catch (e) {
      return run.raise(e, 'MapStateFailed');
    }
    const started = run.emit('MapStateStarted', { length: inputs.length });
    const count = await readNumber(run, effective, 'ToleratedFailureCount', state.ToleratedFailureCount, state.ToleratedFailureCountPath, 'integer');
    if (count !== undefined && count < 0) throw new StatesError('States.Runtime', 'ToleratedFailureCount cannot be negative.');
    const percentage = await readNumber(run, effective, 'ToleratedFailurePercentage', state.ToleratedFailurePercentage, state.ToleratedFailurePercentagePath, 'float');
    if (percentage !== undefined && (percentage < 0 || percentage > 100)) throw new StatesError('States.Runtime', 'ToleratedFailurePercentage must be between 0 and 100.');
    const m = mode(state);
    let parentEventId = started;
    if (m === 'DISTRIBUTED') parentEventId = run.emit('MapRunStarted', { mapRunArn: mapRunArn(run, state.Label ?? run.stateName) });
    if (inputs.length === 0) return finishMap(run, state, []);
    const field = state.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    const scope = processorScope(run.frame.scope, run.stateName, field);
    const spawn: ChildSpawn = {
      parentFrameId: run.frame.frameId,
      stateName: run.stateName,
      kind: 'iteration',
      inputs,
      scopes: [scope],
      variables: run.variables(),
      parentEventId,
      recordEvents: run.frame.recordEvents && m === 'INLINE',
    };
    const blocked = {
      kind: 'map' as const,
      spawn,
      maxConcurrency,
      mode: m,
      ...(count !== undefined ? { toleratedFailureCount: count } : {}),
      ...(percentage !== undefined ? { toleratedFailurePercentage: percentage } : {}),
      ...(state.Label !== undefined ? { label: state.Label } : {}),
    };
    return { kind: 'block', phase: 'children', pending: { mode: m } as JsonObject, blocked };
  },
  async resume(run, state, signal): Promise<Outcome> {
    if (signal.kind === 'childrenSucceeded') return finishMap(run, state, signal.results);
    if (signal.kind === 'childrenFailed') {
      if (mode(state) === 'DISTRIBUTED') {
        const details: JsonObject = {};
        if (signal.error !== undefined) details['error'] = signal.error;
        if (signal.cause !== undefined) details['cause'] = signal.cause;
        run.emit('MapRunFailed', details);
      }
      const out: { kind: 'fail'; handled: true; after: 'MapStateFailed'; error?: string; cause?: string } = { kind: 'fail', handled: true, after: 'MapStateFailed' };
      if (signal.error !== undefined) out.error = signal.error;
      if (signal.cause !== undefined) out.cause = signal.cause;
      return out;
    }
    return { kind: 'fail', error: 'States.Runtime', cause: `A Map state cannot handle the signal '${signal.kind}'.`, handled: false };
  },
};

async function finishMap(run: StateRun, state: MapState, results: Json[]): Promise<Outcome> {
  if (mode(state) === 'DISTRIBUTED') run.emit('MapRunSucceeded');
  run.emit('MapStateSucceeded');
  return completeWithResult(run, state, results);
}

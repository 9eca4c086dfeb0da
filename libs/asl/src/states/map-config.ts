/**
 * The numeric knobs of a Map state (MaxConcurrency, ToleratedFailureCount/Percentage,
 * ItemBatcher limits), each static, from a path (JSONPath) or from `{% %}` (JSONata), with
 * AWS's texts when a value is not a number (conformance: scenarios/test_max_concurrency_path,
 * test_map_state_tolerated_failure_*).
 */
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { queryPath } from '../paths/jsonpath.js';
import type { StateRun } from './evaluator.js';
import { sourcesFor } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';

function shown(v: Json | undefined): string {
  if (v === undefined) return 'null';
  return typeof v === 'string' ? v : toJsonText(v);
}

/** A number from a JSON value; numeric strings count (AWS reads "1" from a variable). */
function asNumber(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

/**
 * Reads `<field>` (a number, or a `{% %}` string in JSONata) or `<field>Path`. `kind` says
 * whether AWS wants an integer or a float.
 */
export async function readNumber(
  run: StateRun,
  effective: Json,
  field: string,
  value: number | string | undefined,
  path: string | undefined,
  kind: 'integer' | 'float',
): Promise<number | undefined> {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const v = await evaluateJsonataValue(run, value, jsonataStates(run, run.frame.stateInput), field);
    const n = asNumber(v);
    if (n === undefined || (kind === 'integer' && !Number.isInteger(n))) {
      throw new StatesError('States.QueryEvaluationError', `The ${field} field refers to value "${shown(v)}" which is not a valid ${kind}: ${value}`);
    }
    return n;
  }
  if (path === undefined) return undefined;
  const v = queryPath(path, sourcesFor(run, effective));
  const n = asNumber(v);
  if (n === undefined || (kind === 'integer' && !Number.isInteger(n))) {
    throw new StatesError('States.Runtime', `The ${field}Path field refers to value "${shown(v)}" which is not a valid ${kind}: ${path}`);
  }
  return n;
}

/** Splits items into batches of at most `maxItems` items and `maxBytes` bytes. */
export function batchItems(items: Json[], maxItems: number | undefined, maxBytes: number | undefined, batchInput: Json | undefined): Json[] {
  const batches: Json[] = [];
  let current: Json[] = [];
  let bytes = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    batches.push(batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current });
    current = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = toJsonText(item).length;
    if ((maxItems !== undefined && current.length >= maxItems) || (maxBytes !== undefined && current.length > 0 && bytes + size > maxBytes)) flush();
    current.push(item);
    bytes += size;
  }
  flush();
  return batches;
}

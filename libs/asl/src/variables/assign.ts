/**
 * Assign, in both query languages. AWS evaluates every expression of a state (Assign and Output
 * alike) against the variable values as they were when the state started, then writes all the
 * assignments at once; so the results are computed here and applied by the runner after the
 * state's exit event.
 */
import type { Json, JsonObject } from '../json.js';
import { toJsonText } from '../json.js';
import type { StateRun } from '../states/evaluator.js';
import { evaluateTemplate } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, type JsonataStates } from '../io/jsonata-io.js';

/** JSONPath Assign: a payload template whose `$` is the state's result (or effective input). */
export function assignJsonPath(run: StateRun, assign: JsonObject | undefined, input: Json, context?: Json): JsonObject | undefined {
  if (assign === undefined) return undefined;
  const out = evaluateTemplate(run, assign, input, 'Assign', context);
  return out as JsonObject;
}

/** JSONata Assign: every value may be a `{% %}` template, evaluated with `$states`. */
export async function assignJsonata(run: StateRun, assign: JsonObject | undefined, states: JsonataStates): Promise<JsonObject | undefined> {
  if (assign === undefined) return undefined;
  return (await evaluateJsonataValue(run, assign, states, 'Assign')) as JsonObject;
}

/** `assignedVariables` of stateExitedEventDetails: each value as JSON text. */
export function assignedVariablesDetails(assigned: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(assigned)) out[k] = toJsonText(v);
  return out;
}

/**
 * Helpers shared by evaluators: the transition of a finished state and the result half of the
 * pipeline (ResultSelector → Assign → ResultPath → OutputPath, or Output/Assign in JSONata) that
 * Task, Parallel and Map apply to their result alike.
 */
import type { Json, JsonObject } from '../json.js';
import type { StateRun, Outcome } from './evaluator.js';
import { evaluateTemplate, placeResult, selectPath } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { assignJsonPath, assignJsonata } from '../variables/assign.js';

/** `Next` or `End` → the runner's `next`. */
export function transition(state: { readonly Next?: string; readonly End?: boolean }): string | null {
  return state.End === true || state.Next === undefined ? null : state.Next;
}

export function next(output: Json, to: string | null, assign: JsonObject | undefined): Outcome {
  return assign === undefined ? { kind: 'next', output, next: to } : { kind: 'next', output, next: to, assign };
}

interface ResultFields {
  readonly ResultSelector?: JsonObject;
  readonly ResultPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
  readonly Next?: string;
  readonly End?: boolean;
}

/** Completes Task/Parallel/Map with their result (synchronously in JSONPath). */
export function completeWithResult(run: StateRun, state: ResultFields, result: Json): Outcome | Promise<Outcome> {
  const raw = run.frame.stateInput;
  if (run.queryLanguage === 'JSONata') return completeJsonata(run, state, raw, result);
  const selected = state.ResultSelector !== undefined ? evaluateTemplate(run, state.ResultSelector, result, 'ResultSelector') : result;
  const assign = assignJsonPath(run, state.Assign, selected);
  const placed = placeResult(raw, selected, state.ResultPath);
  const output = selectPath(run, state.OutputPath, placed);
  return next(output, transition(state), assign);
}

async function completeJsonata(run: StateRun, state: ResultFields, raw: Json, result: Json): Promise<Outcome> {
  const states = jsonataStates(run, raw, { result });
  const output = state.Output !== undefined ? await evaluateJsonataValue(run, state.Output, states, 'Output') : result;
  const assign = await assignJsonata(run, state.Assign, states);
  return next(output, transition(state), assign);
}

/**
 * Helpers shared by evaluators: the transition of a finished state and the result half of the
 * pipeline (ResultSelector → Assign → ResultPath → OutputPath, or Output/Assign in JSONata) that
 * Task, Parallel and Map apply to their result alike.
 */
import type { Json, JsonObject } from '../json.js';
import type { StateRun, Outcome } from './evaluator.js';
import { evaluateTemplate, placeResult, placedResultBound, selectPath } from '../io/jsonpath-io.js';
import { selectedBound } from '../io/payload-bounds.js';
import { measuredBytes } from '../json.js';
import { AWS_LIMITS } from '../context.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { assignJsonPath, assignJsonata } from '../variables/assign.js';

/** `Next` or `End` → the runner's `next`. */
export function transition(state: { readonly Next?: string; readonly End?: boolean }): string | null {
  return state.End === true || state.Next === undefined ? null : state.Next;
}

export function next(output: Json, to: string | null, assign: JsonObject | undefined, bound?: number): Outcome {
  if (bound !== undefined) return assign === undefined ? { kind: 'next', output, next: to, bound } : { kind: 'next', output, next: to, assign, bound };
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
  return next(output, transition(state), assign, outputBound(run, state, raw, selected));
}

/** The output's bound from the input's and the (measured) result's, when the run knows the input's. */
function outputBound(run: StateRun, state: ResultFields, raw: Json, selected: Json): number | undefined {
  if (run.ctx.payloadBounds === undefined) return undefined;
  const rawBound = state.ResultPath === '$' || state.ResultPath === undefined ? 0 : run.inputBound();
  if (rawBound === undefined) return undefined;
  const resultBound = state.ResultPath === null ? 0 : measuredBytes(selected, (run.ctx.limits ?? AWS_LIMITS).payloadBytes);
  return selectedBound(state.OutputPath, placedResultBound(raw, rawBound, resultBound, state.ResultPath));
}

async function completeJsonata(run: StateRun, state: ResultFields, raw: Json, result: Json): Promise<Outcome> {
  const states = jsonataStates(run, raw, { result });
  const output = state.Output !== undefined ? await evaluateJsonataValue(run, state.Output, states, 'Output') : result;
  const assign = await assignJsonata(run, state.Assign, states);
  return next(output, transition(state), assign);
}

/**
 * Pass: moves its input (or Result / Parameters) to its output without work. JSONPath:
 * InputPath → Parameters or Result → ResultPath → OutputPath; JSONata: Output.
 */
import type { PassState } from '../definition/types.js';
import type { Json } from '../json.js';
import type { Outcome, StateEvaluator, StateRun } from './evaluator.js';
import { evaluateTemplate, placeResult, placedResultBound, selectPath } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { assignJsonPath, assignJsonata } from '../variables/assign.js';
import { next, transition } from './common.js';
import { selectedBound, templateBound, valueBound } from '../io/payload-bounds.js';

export const passEvaluator: StateEvaluator<PassState> = {
  enter(run, state) {
    const raw = run.frame.stateInput;
    if (run.queryLanguage === 'JSONata') return enterJsonata(run, state, raw);
    const effective = selectPath(run, state.InputPath, raw);
    const result =
      state.Result !== undefined
        ? state.Result
        : state.Parameters !== undefined
          ? evaluateTemplate(run, state.Parameters, effective, 'Parameters')
          : effective;
    const assign = assignJsonPath(run, state.Assign, result);
    const output = selectPath(run, state.OutputPath, placeResult(raw, result, state.ResultPath));
    return next(output, transition(state), assign, run.ctx.payloadBounds === undefined ? undefined : outputBound(run, state, raw));
  },
  resume(): Outcome {
    return { kind: 'fail', error: 'States.Runtime', cause: 'A Pass state does not wait for signals.', handled: false };
  },
};

async function enterJsonata(run: StateRun, state: PassState, raw: Json): Promise<Outcome> {
  const states = jsonataStates(run, raw);
  const output = state.Output !== undefined ? await evaluateJsonataValue(run, state.Output, states, 'Output') : raw;
  const assign = await assignJsonata(run, state.Assign, states);
  return next(output, transition(state), assign);
}

/** The output's bound from the input's (io/payload-bounds.ts): Result is a constant, Parameters a template of the effective input. */
function outputBound(run: StateRun, state: PassState, raw: Json): number | undefined {
  const rawBound = run.inputBound();
  const effective = selectedBound(state.InputPath, rawBound);
  const result = state.Result !== undefined ? valueBound(state.Result) : state.Parameters !== undefined ? templateBound(state.Parameters, effective) : effective;
  return selectedBound(state.OutputPath, placedResultBound(raw, rawBound, result, state.ResultPath));
}

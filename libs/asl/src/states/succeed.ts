/** Succeed: ends the frame successfully with its (filtered) input. */
import type { SucceedState } from '../definition/types.js';
import type { Json } from '../json.js';
import type { Outcome, StateEvaluator, StateRun } from './evaluator.js';
import { selectPath } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';

export const succeedEvaluator: StateEvaluator<SucceedState> = {
  enter(run, state) {
    const raw = run.frame.stateInput;
    if (run.queryLanguage === 'JSONata') return enterJsonata(run, state, raw);
    const output = selectPath(run, state.OutputPath, selectPath(run, state.InputPath, raw));
    return { kind: 'next', output, next: null };
  },
  resume(): Outcome {
    return { kind: 'fail', error: 'States.Runtime', cause: 'A Succeed state does not wait for signals.', handled: false };
  },
};

async function enterJsonata(run: StateRun, state: SucceedState, raw: Json): Promise<Outcome> {
  const output = state.Output !== undefined ? await evaluateJsonataValue(run, state.Output, jsonataStates(run, raw), 'Output') : raw;
  return { kind: 'next', output, next: null };
}

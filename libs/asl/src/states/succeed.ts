/** Succeed: ends the frame successfully with its (filtered) input. */
import type { SucceedState } from '../definition/types.js';
import type { StateEvaluator } from './evaluator.js';
import { selectPath } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';

export const succeedEvaluator: StateEvaluator<SucceedState> = {
  async enter(run, state) {
    const raw = run.frame.stateInput;
    if (run.queryLanguage === 'JSONata') {
      const output = state.Output !== undefined ? await evaluateJsonataValue(run, state.Output, jsonataStates(run, raw), 'Output') : raw;
      return { kind: 'next', output, next: null };
    }
    const output = selectPath(run, state.OutputPath, selectPath(run, state.InputPath, raw));
    return { kind: 'next', output, next: null };
  },
  resume() {
    return Promise.resolve({ kind: 'fail', error: 'States.Runtime', cause: 'A Succeed state does not wait for signals.', handled: false });
  },
};

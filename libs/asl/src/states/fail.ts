/**
 * Fail: ends the frame with Error and Cause (static, ErrorPath/CausePath in JSONPath, `{% %}` in
 * JSONata). Either may be absent; AWS then leaves it out of ExecutionFailed.
 */
import type { FailState } from '../definition/types.js';
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { pathNotFoundCause } from '../errors/causes.js';
import { queryPath } from '../paths/jsonpath.js';
import { evaluateDynamicValue } from '../payload/template.js';
import type { StateEvaluator, StateRun } from './evaluator.js';
import { sourcesFor } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';

function pathValue(run: StateRun, path: string, field: string): string {
  const raw = run.frame.stateInput;
  const sources = sourcesFor(run, raw);
  const text = path.trim();
  const v: Json | undefined = text.startsWith('States.') ? evaluateDynamicValue(text, field, sources, run.env) : queryPath(text, sources);
  if (v === undefined) throw new StatesError('States.Runtime', pathNotFoundCause(path, field, text.startsWith('$$') ? sources.context : raw));
  return typeof v === 'string' ? v : toJsonText(v);
}

export const failEvaluator: StateEvaluator<FailState> = {
  async enter(run, state) {
    let error: string | undefined;
    let cause: string | undefined;
    if (run.queryLanguage === 'JSONata') {
      const states = jsonataStates(run, run.frame.stateInput);
      if (state.Error !== undefined) error = String(await evaluateJsonataValue(run, state.Error, states, 'Error'));
      if (state.Cause !== undefined) cause = String(await evaluateJsonataValue(run, state.Cause, states, 'Cause'));
    } else {
      error = state.ErrorPath !== undefined ? pathValue(run, state.ErrorPath, 'ErrorPath') : state.Error;
      cause = state.CausePath !== undefined ? pathValue(run, state.CausePath, 'CausePath') : state.Cause;
    }
    const out: { kind: 'fail'; handled: false; error?: string; cause?: string } = { kind: 'fail', handled: false };
    if (error !== undefined) out.error = error;
    if (cause !== undefined) out.cause = cause;
    return out;
  },
  resume() {
    return Promise.resolve({ kind: 'fail', error: 'States.Runtime', cause: 'A Fail state does not wait for signals.', handled: false });
  },
};

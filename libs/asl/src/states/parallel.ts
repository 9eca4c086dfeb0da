/**
 * Parallel: evaluates the branches' input, asks the driver to run every branch as a child frame
 * (ParallelStateStarted), and on the join applies its result pipeline to the array of branch
 * outputs. A failed branch fails the state (ParallelStateFailed), which Retry/Catch may handle.
 * AWS writes no ParallelStateSucceeded event (conformance: scenarios/test_parallel_state*).
 */
import type { ParallelState } from '../definition/types.js';
import type { Json } from '../json.js';
import type { StateEvaluator } from './evaluator.js';
import { evaluateTemplate, selectPath } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { branchScope } from '../definition/compile.js';
import { completeWithResult } from './common.js';

export const parallelEvaluator: StateEvaluator<ParallelState> = {
  async enter(run, state) {
    const raw = run.frame.stateInput;
    let input: Json;
    if (run.queryLanguage === 'JSONata') {
      input = state.Arguments !== undefined ? await evaluateJsonataValue(run, state.Arguments, jsonataStates(run, raw), 'Arguments') : raw;
    } else {
      const effective = selectPath(run, state.InputPath, raw);
      input = state.Parameters !== undefined ? evaluateTemplate(run, state.Parameters, effective, 'Parameters') : effective;
    }
    const started = run.emit('ParallelStateStarted');
    const spawn = {
      parentFrameId: run.frame.frameId,
      stateName: run.stateName,
      kind: 'branch' as const,
      inputs: state.Branches.map(() => input),
      scopes: state.Branches.map((_, i) => branchScope(run.frame.scope, run.stateName, i)),
      variables: run.variables(),
      parentEventId: started,
      recordEvents: run.frame.recordEvents,
    };
    return { kind: 'block', phase: 'children', pending: null, blocked: { kind: 'parallel', spawn } };
  },
  async resume(run, state, signal) {
    if (signal.kind === 'childrenSucceeded') return completeWithResult(run, state, signal.results);
    if (signal.kind === 'childrenFailed') {
      const out: { kind: 'fail'; handled: true; after: 'ParallelStateFailed'; error?: string; cause?: string } = {
        kind: 'fail',
        handled: true,
        after: 'ParallelStateFailed',
      };
      if (signal.error !== undefined) out.error = signal.error;
      if (signal.cause !== undefined) out.cause = signal.cause;
      return out;
    }
    return { kind: 'fail', error: 'States.Runtime', cause: `A Parallel state cannot handle the signal '${signal.kind}'.`, handled: false };
  },
};

/**
 * Compares a run with a case's expectations. Each failed expectation gives one readable line
 * (the first difference for JSON values), in the order the expectations are listed in the docs.
 */
import type { RunObservation } from '../run/observation.js';
import type { Expectations } from '../test-file/types.js';
import { firstDifference, firstSubsetDifference, show } from './first-difference.js';

export interface ExpectationFailure {
  /** The expectation's field: `status`, `output`, `visited`, `taskInput.LambdaState`, ... */
  readonly expectation: string;
  readonly message: string;
}

export function checkExpectations(expect: Expectations, run: RunObservation): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  const fail = (expectation: string, message: string): void => void failures.push({ expectation, message });

  if (expect.status !== undefined && expect.status !== run.status) {
    const why = run.status === 'FAILED' ? ` (${run.error ?? 'no error'}: ${run.cause ?? 'no cause'})` : '';
    fail('status', `expected status ${expect.status}, got ${run.status}${why}`);
  }
  if (expect.output !== undefined) {
    const d = firstDifference(expect.output, run.output);
    if (d) fail('output', run.output === undefined ? `expected an output, the run has none (status ${run.status})` : `output differs at ${d.message}`);
  }
  if (expect.outputIncludes !== undefined) {
    const d = firstSubsetDifference(expect.outputIncludes, run.output);
    if (d) fail('outputIncludes', run.output === undefined ? `expected an output, the run has none (status ${run.status})` : `output does not include the expected value: ${d.message}`);
  }
  if (expect.error !== undefined && expect.error !== run.error) fail('error', `expected error ${show(expect.error)}, got ${show(run.error)}`);
  if (expect.cause !== undefined && expect.cause !== run.cause) fail('cause', `expected cause ${show(expect.cause, 400)}, got ${show(run.cause, 400)}`);
  if (expect.causeIncludes !== undefined && !(run.cause ?? '').includes(expect.causeIncludes)) {
    fail('causeIncludes', `expected the cause to contain ${show(expect.causeIncludes)}, got ${show(run.cause, 400)}`);
  }
  if (expect.visited !== undefined) {
    let at = 0;
    for (const name of expect.visited) {
      const found = run.entered.indexOf(name, at);
      if (found < 0) {
        const anywhere = run.entered.includes(name);
        fail('visited', `expected '${name}' to be entered${at > 0 ? ` after '${run.entered[at - 1]}'` : ''}${anywhere ? ' (it was entered, but earlier)' : ', it was not'}; entered: ${run.entered.join(' → ')}`);
        break;
      }
      at = found + 1;
    }
  }
  if (expect.path !== undefined) {
    const i = firstIndexDiffering(expect.path, run.entered);
    if (i >= 0) fail('path', `the path differs at step ${i + 1}: expected ${show(expect.path[i])}, got ${show(run.entered[i])}; entered: ${run.entered.join(' → ')}`);
  }
  for (const name of expect.notVisited ?? []) if (run.entered.includes(name)) fail('notVisited', `expected '${name}' not to be entered; entered: ${run.entered.join(' → ')}`);
  for (const [state, expected] of Object.entries(expect.stateInput ?? {})) {
    const first = run.stateInputs.get(state)?.[0];
    if (first === undefined) fail(`stateInput.${state}`, `'${state}' was never entered`);
    else {
      const d = firstSubsetDifference(expected, first);
      if (d) fail(`stateInput.${state}`, `the input of '${state}' differs at ${d.message}`);
    }
  }
  for (const [state, expected] of Object.entries(expect.taskInput ?? {})) {
    const call = run.taskCalls.find((c) => c.stateName === state);
    if (!call) fail(`taskInput.${state}`, `'${state}' made no task call`);
    else {
      const d = firstSubsetDifference(expected, call.input);
      if (d) fail(`taskInput.${state}`, `the parameters '${state}' received differ at ${d.message}`);
    }
  }
  for (const [state, n] of Object.entries(expect.attempts ?? {})) {
    const got = run.taskCalls.filter((c) => c.stateName === state).length;
    if (got !== n) fail(`attempts.${state}`, `expected ${n} attempt${n === 1 ? '' : 's'} of '${state}', got ${got}`);
  }
  return failures;
}

function firstIndexDiffering(a: readonly string[], b: readonly string[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

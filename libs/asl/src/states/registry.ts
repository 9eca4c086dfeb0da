/**
 * State type → evaluator. Exhaustive over the ASL state types, so adding a type to the
 * definition union without an evaluator is a compile error.
 */
import type { State, StateType } from '../definition/types.js';
import type { StateEvaluator } from './evaluator.js';
import { passEvaluator } from './pass.js';
import { taskEvaluator } from './task.js';
import { choiceEvaluator } from './choice.js';
import { waitEvaluator } from './wait.js';
import { succeedEvaluator } from './succeed.js';
import { failEvaluator } from './fail.js';
import { parallelEvaluator } from './parallel.js';
import { mapEvaluator } from './map.js';

const EVALUATORS: { readonly [T in StateType]: StateEvaluator<Extract<State, { Type: T }>> } = {
  Pass: passEvaluator,
  Task: taskEvaluator,
  Choice: choiceEvaluator,
  Wait: waitEvaluator,
  Succeed: succeedEvaluator,
  Fail: failEvaluator,
  Parallel: parallelEvaluator,
  Map: mapEvaluator,
};

export function evaluatorFor(state: State): StateEvaluator {
  return EVALUATORS[state.Type] as StateEvaluator;
}

/**
 * Choice: picks the first rule that matches (JSONPath comparison rules, or a JSONata
 * Condition), else Default, else fails with States.NoChoiceMatched. The state-level Assign
 * applies whichever rule matched, the chosen rule's Assign on top; in JSONata the rule's Output
 * replaces the state's.
 */
import type { ChoiceRule, ChoiceState } from '../definition/types.js';
import type { Json, JsonObject } from '../json.js';
import { toJsonText } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { evaluateChoiceRule } from '../choice/rule.js';
import type { Outcome, StateEvaluator, StateRun } from './evaluator.js';
import { selectPath, sourcesFor } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { assignJsonPath, assignJsonata } from '../variables/assign.js';
import { next } from './common.js';

export const choiceEvaluator: StateEvaluator<ChoiceState> = {
  enter(run, state) {
    const raw = run.frame.stateInput;
    if (run.queryLanguage === 'JSONata') return enterJsonata(run, state, raw);
    const effective = selectPath(run, state.InputPath, raw);
    const sources = sourcesFor(run, effective);
    let target: string | undefined;
    let ruleAssignField: JsonObject | undefined;
    for (const rule of state.Choices) {
      if (evaluateChoiceRule(rule as unknown as JsonObject, sources)) {
        target = rule.Next;
        ruleAssignField = rule.Assign;
        break;
      }
    }
    if (target === undefined) target = state.Default;
    if (target === undefined) throw noMatch();
    const assign = merge(assignJsonPath(run, state.Assign, effective), assignJsonPath(run, ruleAssignField, effective));
    const output = selectPath(run, state.OutputPath, effective);
    return next(output, target, assign);
  },
  resume(): Outcome {
    return { kind: 'fail', error: 'States.Runtime', cause: 'A Choice state does not wait for signals.', handled: false };
  },
};

async function enterJsonata(run: StateRun, state: ChoiceState, raw: Json): Promise<Outcome> {
  const states = jsonataStates(run, raw);
  let chosen: { target: string; rule: ChoiceRule | ChoiceState } | undefined;
  for (const [i, rule] of state.Choices.entries()) {
    const v = await evaluateJsonataValue(run, rule.Condition ?? null, states, 'Condition');
    void i;
    if (typeof v !== 'boolean') {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The JSONata expression '${String(rule.Condition)}' specified for the field 'Condition' returned an unexpected data type: ${toJsonText(v as Json)}`,
      );
    }
    if (v && rule.Next !== undefined) {
      chosen = { target: rule.Next, rule };
      break;
    }
  }
  if (chosen === undefined && state.Default !== undefined) chosen = { target: state.Default, rule: state };
  if (chosen === undefined) throw noMatch();
  const outputField = (chosen.rule.Output as Json | undefined) ?? state.Output;
  const output = outputField !== undefined ? await evaluateJsonataValue(run, outputField, states, 'Output') : raw;
  const stateAssign = await assignJsonata(run, state.Assign, states);
  const ruleAssign = chosen.rule === state ? undefined : await assignJsonata(run, chosen.rule.Assign as JsonObject | undefined, states);
  return next(output, chosen.target, merge(stateAssign, ruleAssign));
}

/** AWS: the state-level Assign applies whichever rule matched; the rule's own Assign wins on a clash. */
function merge(state: JsonObject | undefined, rule: JsonObject | undefined): JsonObject | undefined {
  if (state === undefined) return rule;
  if (rule === undefined) return state;
  return { ...state, ...rule };
}

function noMatch(): StatesError {
  return new StatesError('States.NoChoiceMatched', 'No Matches!');
}

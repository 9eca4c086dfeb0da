/**
 * Evaluates one JSONPath Choice rule (a Choices element or a nested And/Or/Not rule) against
 * the sources. A Variable path that matches nothing is a States.Runtime error, except for
 * IsPresent, which exists to ask exactly that.
 */
import type { Json } from '../json.js';
import { isObject } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { choiceVariableNotFoundCause } from '../errors/causes.js';
import { queryPath } from '../paths/jsonpath.js';
import type { EvalSources } from '../payload/sources.js';
import { operatorTable } from './operators.js';

export function evaluateChoiceRule(rule: Json, sources: EvalSources): boolean {
  if (!isObject(rule)) throw new StatesError('States.Runtime', 'A Choice rule must be an object.');
  if (Array.isArray(rule.And)) return rule.And.every((r) => evaluateChoiceRule(r, sources));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => evaluateChoiceRule(r, sources));
  if (rule.Not !== undefined) return !evaluateChoiceRule(rule.Not, sources);

  const variable = rule.Variable;
  if (typeof variable !== 'string') throw new StatesError('States.Runtime', 'A Choice rule must have a Variable.');
  const opName = Object.keys(rule).find((k) => Object.prototype.hasOwnProperty.call(operatorTable, k));
  const op = opName === undefined ? undefined : operatorTable[opName];
  if (opName === undefined || op === undefined) {
    throw new StatesError('States.Runtime', `The Choice rule on '${variable}' has no comparison operator.`);
  }
  const operand = rule[opName] as Json;
  const value = queryPath(variable, sources);

  if (opName === 'IsPresent') return (value !== undefined) === operand;
  if (value === undefined) throw new StatesError('States.Runtime', choiceVariableNotFoundCause(variable));

  let expected: Json = operand;
  if (op.path) {
    if (typeof operand !== 'string') return false;
    const resolved = queryPath(operand, sources);
    if (resolved === undefined) throw new StatesError('States.Runtime', choiceVariableNotFoundCause(operand));
    expected = resolved;
    if (!op.accepts(expected)) return false;
  }
  if (!op.accepts(value)) return false;
  return op.test(value, expected);
}

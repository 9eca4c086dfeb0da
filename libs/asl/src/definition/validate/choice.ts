/**
 * Choice states. JSONPath rules: exactly one comparison operator (or one of And/Or/Not) per
 * rule, a Variable beside every comparison, operand types by operator family (String*, Numeric*,
 * BooleanEquals, Timestamp* with RFC 3339 literals, *Path with reference paths, Is* booleans),
 * non-empty And/Or, Not holding one rule, Next on top-level rules only. JSONata rules: a
 * Condition (a `{% %}` template or a boolean) and none of the JSONPath fields.
 */
import { comparisonOperators } from '../../choice/operators.js';
import { pointer } from '../diagnostics.js';
import { checkAssign } from './assign.js';
import type { StateScope } from './context.js';
import { isValidJsonPath, isValidReferencePath } from './expressions.js';
import { msg } from './messages.js';
import { checkJsonataValue } from './payload.js';
import type { JsonRecord } from './values.js';
import { checkJsonataString, expectArray, expectObject, expectString, has, isTimestamp } from './values.js';

type Operand = 'string' | 'number' | 'boolean' | 'timestamp' | 'path';

/** The operand type of a comparison operator, from its name (the evaluator's table lists the names). */
function operandOf(op: string): Operand {
  if (op.endsWith('Path')) return 'path';
  if (op.startsWith('Is') || op.startsWith('Boolean')) return 'boolean';
  if (op.startsWith('Numeric')) return 'number';
  if (op.startsWith('Timestamp')) return 'timestamp';
  return 'string';
}

/** Comparison operator → the type of its operand. */
export const COMPARISON_OPERATORS: ReadonlyMap<string, Operand> = new Map([...comparisonOperators].map((op) => [op, operandOf(op)]));
const BOOLEAN_RULES = ['And', 'Or', 'Not'];
const JSONPATH_RULE_FIELDS = new Set(['Variable', 'Next', 'Comment', 'Assign', ...BOOLEAN_RULES]);
const JSONATA_RULE_FIELDS = new Set(['Condition', 'Next', 'Comment', 'Assign', 'Output']);

export function checkChoice(scope: StateScope, state: JsonRecord): void {
  const { ctx, location } = scope;
  if (has(state, 'Default')) expectString(ctx, state['Default'], pointer(location, 'Default'));
  if (!has(state, 'Choices')) {
    ctx.schema(msg.required(['Choices']), location);
    return;
  }
  const at = pointer(location, 'Choices');
  const choices = state['Choices'];
  if (!expectArray(ctx, choices, at)) return;
  if (choices.length === 0) ctx.schema(msg.notEmpty('Choices'), at);
  choices.forEach((rule, i) => {
    const loc = pointer(at, i);
    if (!expectObject(ctx, rule, loc)) return;
    if (!has(rule, 'Next')) ctx.schema(msg.required(['Next']), loc);
    else expectString(ctx, rule['Next'], pointer(loc, 'Next'));
    if (has(rule, 'Assign')) checkAssign(ctx, scope.language, rule['Assign'], pointer(loc, 'Assign'));
    if (has(rule, 'Comment')) expectString(ctx, rule['Comment'], pointer(loc, 'Comment'));
    if (scope.language === 'JSONata') checkJsonataRule(scope, rule, loc);
    else checkJsonPathRule(scope, rule, loc, true);
  });
}

function checkJsonataRule(scope: StateScope, rule: JsonRecord, loc: string): void {
  const { ctx } = scope;
  for (const field of Object.keys(rule)) {
    if (JSONATA_RULE_FIELDS.has(field)) continue;
    if (JSONPATH_RULE_FIELDS.has(field) || COMPARISON_OPERATORS.has(field)) {
      ctx.schema(msg.otherLanguageField('JSONata', field, 'JSONPath'), loc);
    } else ctx.schema(msg.unknownField(field), loc);
  }
  if (has(rule, 'Output')) checkJsonataValue(ctx, rule['Output'], pointer(loc, 'Output'));
  if (!has(rule, 'Condition')) {
    ctx.schema(msg.required(['Condition']), loc);
    return;
  }
  const cond = rule['Condition'];
  const at = pointer(loc, 'Condition');
  if (typeof cond === 'boolean') return;
  if (!checkJsonataString(ctx, cond, at)) ctx.schema(msg.jsonataOrType('Condition', 'a boolean'), at);
}

function checkJsonPathRule(scope: StateScope, rule: JsonRecord, loc: string, top: boolean): void {
  const { ctx } = scope;
  const operators: string[] = [];
  const booleans: string[] = [];
  for (const field of Object.keys(rule)) {
    if (COMPARISON_OPERATORS.has(field)) operators.push(field);
    else if (BOOLEAN_RULES.includes(field)) booleans.push(field);
    else if ((field === 'Next' || field === 'Assign') && !top) ctx.schema(msg.fieldNotSupported(field), loc);
    else if (field === 'Condition' || field === 'Output') ctx.schema(msg.otherLanguageField('JSONPath', field, 'JSONata'), loc);
    else if (!JSONPATH_RULE_FIELDS.has(field)) ctx.schema(msg.unknownField(field), loc);
  }
  if (!top && has(rule, 'Comment')) expectString(ctx, rule['Comment'], pointer(loc, 'Comment'));
  const found = [...operators, ...booleans];
  if (found.length !== 1) {
    ctx.schema(msg.comparisonCount(found), loc);
    return;
  }
  const [op] = found as [string];
  if (booleans.length === 1) {
    if (has(rule, 'Variable')) ctx.schema(msg.fieldNotSupported('Variable'), loc);
    checkBooleanRule(scope, rule, op, loc);
    return;
  }
  if (!has(rule, 'Variable')) ctx.schema(msg.required(['Variable']), loc);
  else {
    const at = pointer(loc, 'Variable');
    const v = rule['Variable'];
    if (expectString(ctx, v, at) && !isValidJsonPath(v)) ctx.schema(msg.jsonPath('Variable'), at);
  }
  checkOperand(scope, op, rule[op], pointer(loc, op));
}

function checkBooleanRule(scope: StateScope, rule: JsonRecord, op: string, loc: string): void {
  const { ctx } = scope;
  const at = pointer(loc, op);
  const v = rule[op];
  if (op === 'Not') {
    if (expectObject(ctx, v, at)) checkJsonPathRule(scope, v, at, false);
    return;
  }
  if (!expectArray(ctx, v, at)) return;
  if (v.length === 0) ctx.schema(msg.notEmpty(op), at);
  v.forEach((nested, i) => {
    const nestedAt = pointer(at, i);
    if (expectObject(ctx, nested, nestedAt)) checkJsonPathRule(scope, nested, nestedAt, false);
  });
}

function checkOperand(scope: StateScope, op: string, v: unknown, at: string): void {
  const { ctx } = scope;
  switch (COMPARISON_OPERATORS.get(op)) {
    case 'string':
      expectString(ctx, v, at);
      return;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) ctx.schema(msg.expectedType('NUMBER'), at);
      return;
    case 'boolean':
      if (typeof v !== 'boolean') ctx.schema(msg.expectedType('BOOLEAN'), at);
      return;
    case 'timestamp':
      if (expectString(ctx, v, at) && !isTimestamp(v)) ctx.schema(msg.timestamp(op), at);
      return;
    case 'path':
      if (expectString(ctx, v, at) && !isValidReferencePath(v)) ctx.schema(msg.referencePath(op), at);
      return;
    case undefined:
      return;
  }
}

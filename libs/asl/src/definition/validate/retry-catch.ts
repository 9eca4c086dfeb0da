/**
 * Retry and Catch of Task, Parallel and Map states. The spec's rules: ErrorEquals is a
 * non-empty array of error names; `States.ALL` must appear alone in its ErrorEquals and only in
 * the last Retrier/Catcher; IntervalSeconds ≥ 1, MaxAttempts ≥ 0, BackoffRate ≥ 1.0,
 * MaxDelaySeconds ≥ 1, JitterStrategy FULL|NONE; a Catcher names its Next (checked against the
 * sibling states by the machine walk) and, by language, ResultPath or Output, plus Assign.
 */
import { pointer } from '../diagnostics.js';
import { checkAssign } from './assign.js';
import type { StateScope } from './context.js';
import { CATCHER_FIELDS, checkObjectFields, RETRIER_FIELDS } from './fields.js';
import { msg } from './messages.js';
import { checkJsonataValue } from './payload.js';
import type { JsonRecord } from './values.js';
import {
  checkPathField,
  expectArray,
  expectEnum,
  expectInteger,
  expectNumber,
  expectObject,
  expectString,
  has,
  MAX_SECONDS,
} from './values.js';

const STATES_ALL = 'States.ALL';

/** Validates ErrorEquals; returns true when it names States.ALL. */
function checkErrorEquals(scope: StateScope, rule: JsonRecord, loc: string): boolean {
  const { ctx } = scope;
  if (!has(rule, 'ErrorEquals')) {
    ctx.schema(msg.required(['ErrorEquals']), loc);
    return false;
  }
  const at = pointer(loc, 'ErrorEquals');
  const v = rule['ErrorEquals'];
  if (!expectArray(ctx, v, at)) return false;
  if (v.length === 0) {
    ctx.schema(msg.notEmpty('ErrorEquals'), at);
    return false;
  }
  v.forEach((name, i) => expectString(ctx, name, pointer(at, i)));
  const all = v.includes(STATES_ALL);
  if (all && v.length > 1) ctx.schema(msg.statesAllAlone(), at);
  return all;
}

export function checkRetry(scope: StateScope, state: JsonRecord): void {
  if (!has(state, 'Retry')) return;
  const { ctx } = scope;
  const loc = pointer(scope.location, 'Retry');
  const retry = state['Retry'];
  if (!expectArray(ctx, retry, loc)) return;
  retry.forEach((r, i) => {
    const at = pointer(loc, i);
    if (!expectObject(ctx, r, at)) return;
    checkObjectFields(ctx, r, RETRIER_FIELDS, scope.language, at);
    const all = checkErrorEquals(scope, r, at);
    if (all && i < retry.length - 1) ctx.schema(msg.statesAllLast('Retrier', 'Retry'), at);
    if (has(r, 'IntervalSeconds')) {
      expectInteger(ctx, r['IntervalSeconds'], pointer(at, 'IntervalSeconds'), 'IntervalSeconds', { min: 1, max: MAX_SECONDS });
    }
    if (has(r, 'MaxAttempts')) {
      expectInteger(ctx, r['MaxAttempts'], pointer(at, 'MaxAttempts'), 'MaxAttempts', { min: 0, max: MAX_SECONDS });
    }
    if (has(r, 'BackoffRate')) expectNumber(ctx, r['BackoffRate'], pointer(at, 'BackoffRate'), 'BackoffRate', { min: 1 });
    if (has(r, 'MaxDelaySeconds')) {
      expectInteger(ctx, r['MaxDelaySeconds'], pointer(at, 'MaxDelaySeconds'), 'MaxDelaySeconds', { min: 1, max: 31_622_400 });
    }
    if (has(r, 'JitterStrategy')) expectEnum(ctx, r['JitterStrategy'], pointer(at, 'JitterStrategy'), ['FULL', 'NONE']);
    if (has(r, 'Comment')) expectString(ctx, r['Comment'], pointer(at, 'Comment'));
  });
}

/** Validates Catch; each Next is checked against the sibling states by the machine walk. */
export function checkCatch(scope: StateScope, state: JsonRecord): void {
  if (!has(state, 'Catch')) return;
  const { ctx } = scope;
  const loc = pointer(scope.location, 'Catch');
  const catchers = state['Catch'];
  if (!expectArray(ctx, catchers, loc)) return;
  catchers.forEach((c, i) => {
    const at = pointer(loc, i);
    if (!expectObject(ctx, c, at)) return;
    checkObjectFields(ctx, c, CATCHER_FIELDS, scope.language, at);
    const all = checkErrorEquals(scope, c, at);
    if (all && i < catchers.length - 1) ctx.schema(msg.statesAllLast('Catcher', 'Catch'), at);
    if (!has(c, 'Next')) ctx.schema(msg.required(['Next']), at);
    else expectString(ctx, c['Next'], pointer(at, 'Next'));
    if (scope.language === 'JSONPath') checkPathField(ctx, c, 'ResultPath', at, 'result', true);
    if (scope.language === 'JSONata' && has(c, 'Output')) checkJsonataValue(ctx, c['Output'], pointer(at, 'Output'), true);
    if (has(c, 'Assign')) checkAssign(ctx, scope.language, c['Assign'], pointer(at, 'Assign'), true);
    if (has(c, 'Comment')) expectString(ctx, c['Comment'], pointer(at, 'Comment'));
  });
}

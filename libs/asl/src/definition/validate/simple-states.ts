/**
 * The type-specific checks of the small state types: Pass (Parameters, static Result,
 * ResultPath), Wait (exactly one of Seconds/Timestamp/SecondsPath/TimestampPath, Seconds a
 * non-negative integer, Timestamp RFC 3339) and Fail (Error/ErrorPath and Cause/CausePath
 * exclusive; the *Path fields take a reference path or an intrinsic call).
 */
import { pointer } from '../diagnostics.js';
import type { StateScope } from './context.js';
import { msg } from './messages.js';
import { checkPassResult, checkPayload } from './payload.js';
import type { JsonRecord } from './values.js';
import {
  checkNumberField,
  checkPathField,
  checkPathOrIntrinsicField,
  checkStringField,
  exclusive,
  has,
  isTimestamp,
  MAX_SECONDS,
} from './values.js';

export function checkPass(scope: StateScope, state: JsonRecord): void {
  const { ctx, location } = scope;
  if (scope.language !== 'JSONPath') return;
  if (has(state, 'Parameters')) checkPayload(ctx, 'JSONPath', state['Parameters'], pointer(location, 'Parameters'));
  if (has(state, 'Result')) checkPassResult(ctx, state['Result'], pointer(location, 'Result'));
  checkPathField(ctx, state, 'ResultPath', location, 'result', true);
}

export function checkWait(scope: StateScope, state: JsonRecord): void {
  const { ctx, location } = scope;
  exclusive(ctx, state, location, ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'], true);
  checkNumberField(scope, state, 'Seconds', location, { integer: true, min: 0, max: MAX_SECONDS });
  checkStringField(scope, state, 'Timestamp', location, (v, loc) => {
    if (!isTimestamp(v)) ctx.schema(msg.timestamp('Timestamp'), loc);
  });
  if (scope.language === 'JSONPath') {
    checkPathField(ctx, state, 'SecondsPath', location, 'reference');
    checkPathField(ctx, state, 'TimestampPath', location, 'reference');
  }
}

export function checkFail(scope: StateScope, state: JsonRecord): void {
  const { ctx, location } = scope;
  exclusive(ctx, state, location, ['Error', 'ErrorPath']);
  exclusive(ctx, state, location, ['Cause', 'CausePath']);
  checkStringField(scope, state, 'Error', location);
  checkStringField(scope, state, 'Cause', location);
  if (scope.language === 'JSONPath') {
    checkPathOrIntrinsicField(ctx, state, 'ErrorPath', location);
    checkPathOrIntrinsicField(ctx, state, 'CausePath', location);
  }
}

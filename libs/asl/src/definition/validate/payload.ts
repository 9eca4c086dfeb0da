/**
 * Payload templates and JSONata-bearing values. In JSONPath states a key ending in `.$` must
 * hold a JSONPath or an intrinsic function call (Parameters, ResultSelector, ItemSelector,
 * ItemReader/ResultWriter Parameters, BatchInput, Assign); in JSONata states every `{% %}`
 * string, at any depth, must parse (Arguments, Output, Assign, Items, ...). Also the two
 * payload WARNINGs AWS reports: NO_DOLLAR and PASS_RESULT_IS_STATIC.
 */
import { pointer } from '../diagnostics.js';
import type { QueryLanguage } from './context.js';
import type { ValidationContext } from './context.js';
import { isIntrinsicCall, looksLikePath } from './expressions.js';
import { msg } from './messages.js';
import { checkJsonataString, checkPathOrIntrinsic, expectString, isRecord } from './values.js';

/** A JSONPath payload template: `.$` keys hold paths or intrinsics; nested objects and arrays too. */
export function checkJsonPathPayload(ctx: ValidationContext, v: unknown, loc: string): void {
  if (Array.isArray(v)) {
    v.forEach((item, i) => checkJsonPathPayload(ctx, item, pointer(loc, i)));
    return;
  }
  if (!isRecord(v)) return;
  for (const [key, value] of Object.entries(v)) {
    const at = pointer(loc, key);
    if (key.endsWith('.$')) {
      if (expectString(ctx, value, at)) checkPathOrIntrinsic(ctx, value, at, key);
    } else if (typeof value === 'string') {
      if (looksLikePath(value) || isIntrinsicCall(value)) ctx.warning('NO_DOLLAR', msg.noDollar(key), at);
    } else {
      checkJsonPathPayload(ctx, value, at);
    }
  }
}

/** Any JSON value of a JSONata state: every `{% %}` string at any depth must parse. */
export function checkJsonataValue(ctx: ValidationContext, v: unknown, loc: string, allowErrorOutput = false): void {
  if (typeof v === 'string') {
    checkJsonataString(ctx, v, loc, allowErrorOutput);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => checkJsonataValue(ctx, item, pointer(loc, i), allowErrorOutput));
    return;
  }
  if (isRecord(v)) {
    for (const [key, value] of Object.entries(v)) checkJsonataValue(ctx, value, pointer(loc, key), allowErrorOutput);
  }
}

/** A payload-bearing field in either language. */
export function checkPayload(ctx: ValidationContext, language: QueryLanguage, v: unknown, loc: string): void {
  if (language === 'JSONata') checkJsonataValue(ctx, v, loc);
  else checkJsonPathPayload(ctx, v, loc);
}

/**
 * AWS PASS_RESULT_IS_STATIC ("Attempt to use a path in the result of a pass state"): Result is
 * never evaluated, so `.$` keys and path-looking strings there are a mistake.
 */
export function checkPassResult(ctx: ValidationContext, v: unknown, loc: string, field = 'Result'): void {
  if (typeof v === 'string') {
    if (looksLikePath(v) || isIntrinsicCall(v)) ctx.warning('PASS_RESULT_IS_STATIC', msg.passResultIsStatic(field), loc);
    return;
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => checkPassResult(ctx, item, pointer(loc, i), field));
    return;
  }
  if (!isRecord(v)) return;
  for (const [key, value] of Object.entries(v)) {
    const at = pointer(loc, key);
    if (key.endsWith('.$')) ctx.warning('PASS_RESULT_IS_STATIC', msg.passResultIsStatic(key), at);
    else checkPassResult(ctx, value, at, key);
  }
}

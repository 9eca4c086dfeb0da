/**
 * Assign: the variables a state (or a Choice rule, or a Catcher) sets. Names follow AWS's rule
 * for workflow variables (a Unicode identifier: ID_Start then ID_Continue, at most 80
 * characters; `$states` is reserved); values are payloads of the state's query language, and
 * in JSONPath states a name ending in `.$` takes a path or an intrinsic call.
 */
import { pointer } from '../diagnostics.js';
import type { QueryLanguage } from './context.js';
import type { ValidationContext } from './context.js';
import { msg } from './messages.js';
import { checkJsonataValue, checkJsonPathPayload } from './payload.js';
import { checkPathOrIntrinsic, expectObject, expectString } from './values.js';

const VARIABLE_NAME = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;
const RESERVED = new Set(['states']);
export const MAX_VARIABLE_NAME_LENGTH = 80;

/** Why `name` cannot be a variable, or undefined when it can. */
export function variableNameError(name: string): string | undefined {
  if (RESERVED.has(name)) return msg.reservedVariable(name);
  if (!VARIABLE_NAME.test(name) || [...name].length > MAX_VARIABLE_NAME_LENGTH) return msg.variableName(name);
  return undefined;
}

/** `allowErrorOutput`: a Catcher's Assign, the one place besides its Output where `$states.errorOutput` exists. */
export function checkAssign(ctx: ValidationContext, language: QueryLanguage, v: unknown, loc: string, allowErrorOutput = false): void {
  if (!expectObject(ctx, v, loc)) return;
  for (const [key, value] of Object.entries(v)) {
    const at = pointer(loc, key);
    const dollar = language === 'JSONPath' && key.endsWith('.$');
    const name = dollar ? key.slice(0, -2) : key;
    const nameError = variableNameError(name);
    if (nameError !== undefined) ctx.schema(nameError, at);
    if (language === 'JSONata') checkJsonataValue(ctx, value, at, allowErrorOutput);
    else if (dollar) {
      if (expectString(ctx, value, at)) checkPathOrIntrinsic(ctx, value, at, key);
    } else checkJsonPathPayload(ctx, value, at);
  }
}

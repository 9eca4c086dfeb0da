/**
 * The validator's view of the expression languages: JSONPath (paths and reference paths),
 * intrinsic function calls, JSONata `{% %}` templates and Choice timestamps. Syntax only,
 * nothing is evaluated. The evaluators own the grammars; this module is the one place the
 * validator asks them, so a definition is valid exactly when the evaluators can read it.
 */
import { isTimestamp } from '../../choice/timestamp.js';
import type { IntrinsicCall } from '../../intrinsics/parse.js';
import { IntrinsicSyntaxError, isIntrinsicCall, parseIntrinsic } from '../../intrinsics/parse.js';
import { intrinsicSpec } from '../../intrinsics/registry.js';
import { checkJsonataSyntax, isJsonataTemplate, jsonataBody } from '../../jsonata/evaluate.js';
import { isValidJsonPath, isValidReferencePath } from '../../paths/jsonpath.js';

export { isValidJsonPath, isValidReferencePath, isIntrinsicCall, isTimestamp };

/**
 * Why `text` is not a valid intrinsic function call, or undefined when it is one: it must
 * parse, and every call in it must name a function AWS defines with an argument count it takes.
 */
export function intrinsicError(text: string): string | undefined {
  let call: IntrinsicCall;
  try {
    call = parseIntrinsic(text);
  } catch (e) {
    if (e instanceof IntrinsicSyntaxError) return e.message;
    throw e;
  }
  return callError(call);
}

function callError(call: IntrinsicCall): string | undefined {
  const spec = intrinsicSpec(call.name);
  if (spec === undefined) return `The function '${call.name}' does not exist.`;
  const n = call.args.length;
  if (n < spec.minArgs || n > spec.maxArgs) {
    const expected =
      spec.minArgs === spec.maxArgs ? `${spec.minArgs}` : spec.maxArgs === Infinity ? `at least ${spec.minArgs}` : `${spec.minArgs} to ${spec.maxArgs}`;
    return `The function '${call.name}' takes ${expected} argument(s), not ${n}.`;
  }
  for (const arg of call.args) {
    if (arg.kind === 'call') {
      const e = callError(arg.call);
      if (e !== undefined) return e;
    } else if (arg.kind === 'path' && !isValidJsonPath(arg.path)) {
      return `The argument '${arg.path}' of '${call.name}' is not a valid JSONPath.`;
    }
  }
  return undefined;
}

/** The expression inside a `{% ... %}` template, or undefined when `value` is not one. */
export function jsonataTemplateBody(value: unknown): string | undefined {
  return isJsonataTemplate(value) ? jsonataBody(value) : undefined;
}

/** Why a JSONata expression does not parse, or undefined when it does. */
export function jsonataSyntaxError(expression: string): string | undefined {
  if (expression.trim() === '') return 'the expression is empty';
  return checkJsonataSyntax(expression);
}

/** True for a string that looks like a JSONPath (`$`, `$.x`, `$$.x`, `$[...]`): NO_DOLLAR's test. */
export function looksLikePath(value: string): boolean {
  return value === '$' || value.startsWith('$.') || value.startsWith('$$') || value.startsWith('$[');
}

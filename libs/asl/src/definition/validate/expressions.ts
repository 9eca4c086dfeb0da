/**
 * The validator's view of the expression languages: JSONPath (paths and reference paths),
 * intrinsic function calls, JSONata `{% %}` templates and Choice timestamps. Syntax only,
 * nothing is evaluated. The evaluators own the grammars; this module is the one place the
 * validator asks them, so a definition is valid exactly when the evaluators can read it.
 */
import { isTimestamp } from '../../choice/timestamp.js';
import { IntrinsicSyntaxError, isIntrinsicCall, parseIntrinsic } from '../../intrinsics/parse.js';
import { checkJsonataSyntax, isJsonataTemplate, jsonataBody } from '../../jsonata/evaluate.js';
import { isValidJsonPath, isValidReferencePath } from '../../paths/jsonpath.js';

export { isValidJsonPath, isValidReferencePath, isIntrinsicCall, isTimestamp };

/** Why `text` is not a valid intrinsic function call, or undefined when it is one. */
export function intrinsicError(text: string): string | undefined {
  try {
    parseIntrinsic(text);
    return undefined;
  } catch (e) {
    if (e instanceof IntrinsicSyntaxError) return e.message;
    throw e;
  }
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

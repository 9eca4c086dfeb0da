/**
 * AWS cause strings for the errors the expression evaluators raise, in one place so the
 * wording stays consistent. Each is the tail of AWS's cause: the state layer prefixes
 * "An error occurred while executing the state '<name>' (entered at the event id #<n>). ".
 */
import type { Json } from '../json.js';
import { toJsonText } from '../json.js';

/** A `.$` field whose path matched nothing (Parameters, ResultSelector, ItemSelector, ...). */
export function pathNotFoundCause(path: string, field: string, input: Json): string {
  return `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${toJsonText(input)}'`;
}

/** A path argument of an intrinsic function that matched nothing (AWS does not name the path). */
export function intrinsicPathNotFoundCause(field: string, input: Json): string {
  return `The JsonPath argument for the field '${field}' could not be found in the input '${toJsonText(input)}'`;
}

/** An intrinsic function rejected its arguments or failed while running. */
export function intrinsicFailureCause(call: string, field: string, message: string): string {
  return `The intrinsic function '${call}' specified for the field '${field}' failed: ${message}`;
}

/** A `.$` value that is neither a valid JSONPath nor a valid intrinsic function call. */
export function invalidDynamicValueCause(text: string, field: string, message: string): string {
  return `The value '${text}' specified for the field '${field}' must be a valid JSONPath or a valid intrinsic function call: ${message}`;
}

/** A Choice rule whose Variable (or `...Path` operand) matched nothing. */
export function choiceVariableNotFoundCause(path: string): string {
  return `Invalid path '${path}': The choice state's condition path references an invalid value.`;
}

/** A JSONata expression that returned nothing where a value is required. */
export function jsonataUndefinedCause(expr: string, field: string): string {
  return `The JSONata expression '${expr}' specified for the field '${field}' returned nothing (undefined).`;
}

/** A JSONata expression that threw while evaluating. */
export function jsonataErrorCause(expr: string, field: string, message: string): string {
  return `The JSONata expression '${expr}' specified for the field '${field}' threw an error during evaluation. ${message}`;
}

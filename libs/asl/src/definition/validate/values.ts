/**
 * Field-level checks shared by every state: JSON types, integer and number ranges, enums,
 * exclusive fields, RFC 3339 timestamps, JSONPath/reference-path fields, and fields that take
 * either a literal or a JSONata template in JSONata states. Each returns whether the value
 * passed, so callers can skip checks that only make sense on a well-typed value.
 */
import { pointer } from '../diagnostics.js';
import type { StateScope, ValidationContext } from './context.js';
import {
  intrinsicError,
  isIntrinsicCall,
  isTimestamp,
  isValidJsonPath,
  isValidReferencePath,
  jsonataSyntaxError,
  jsonataTemplateBody,
} from './expressions.js';
import { jsonataReads } from './jsonata-references.js';
import { msg } from './messages.js';

export { isTimestamp };

export type JsonRecord = Readonly<Record<string, unknown>>;

export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function has(o: JsonRecord, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, field);
}

/** AWS's upper bound for second counts (TimeoutSeconds, HeartbeatSeconds, Seconds, MaxAttempts). */
export const MAX_SECONDS = 99_999_999;

export function expectString(ctx: ValidationContext, v: unknown, loc: string): v is string {
  if (typeof v === 'string') return true;
  ctx.schema(msg.expectedType('STRING'), loc);
  return false;
}

export function expectBoolean(ctx: ValidationContext, v: unknown, loc: string): v is boolean {
  if (typeof v === 'boolean') return true;
  ctx.schema(msg.expectedType('BOOLEAN'), loc);
  return false;
}

export function expectObject(ctx: ValidationContext, v: unknown, loc: string): v is JsonRecord {
  if (isRecord(v)) return true;
  ctx.schema(msg.expectedType('OBJECT'), loc);
  return false;
}

export function expectArray(ctx: ValidationContext, v: unknown, loc: string): v is readonly unknown[] {
  if (Array.isArray(v)) return true;
  ctx.schema(msg.expectedType('ARRAY'), loc);
  return false;
}

export interface Range {
  readonly min?: number;
  readonly max?: number;
}

/** An integer within [min, max]. */
export function expectInteger(ctx: ValidationContext, v: unknown, loc: string, field: string, range: Range = {}): boolean {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    ctx.schema(msg.expectedType('INTEGER'), loc);
    return false;
  }
  return inRange(ctx, v, loc, field, range);
}

/** A number within [min, max]. */
export function expectNumber(ctx: ValidationContext, v: unknown, loc: string, field: string, range: Range = {}): boolean {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    ctx.schema(msg.expectedType('NUMBER'), loc);
    return false;
  }
  return inRange(ctx, v, loc, field, range);
}

function inRange(ctx: ValidationContext, v: number, loc: string, field: string, range: Range): boolean {
  if (range.min !== undefined && v < range.min) {
    ctx.schema(msg.atLeast(field, range.min), loc);
    return false;
  }
  if (range.max !== undefined && v > range.max) {
    ctx.schema(msg.atMost(field, range.max), loc);
    return false;
  }
  return true;
}

export function expectEnum(ctx: ValidationContext, v: unknown, loc: string, values: readonly string[]): boolean {
  if (typeof v === 'string' && values.includes(v)) return true;
  ctx.schema(msg.oneOf(values), loc);
  return false;
}

/** At most one of `fields` is present (all of them when `required`: exactly one). */
export function exclusive(ctx: ValidationContext, o: JsonRecord, loc: string, fields: readonly string[], required = false): number {
  const present = fields.filter((f) => has(o, f)).length;
  if (present > 1 || (required && present === 0)) {
    ctx.schema(required ? msg.exactlyOne(fields) : msg.atMostOne(fields), loc);
  }
  return present;
}

/**
 * A JSONPath-mode path field, or null when `nullable`: a JSONPath (`json`), a reference path
 * (`reference`), or a reference path into the state's input (`result`: ResultPath writes there,
 * never into the context object or a variable).
 */
export function checkPathField(
  ctx: ValidationContext,
  o: JsonRecord,
  field: string,
  base: string,
  kind: 'json' | 'reference' | 'result',
  nullable = false,
): void {
  if (!has(o, field)) return;
  const v = o[field];
  const loc = pointer(base, field);
  if (v === null && nullable) return;
  if (!expectString(ctx, v, loc)) return;
  if (kind === 'json') {
    if (!isValidJsonPath(v)) ctx.schema(msg.jsonPath(field), loc);
  } else if (!isValidReferencePath(v) || (kind === 'result' && !isInputPath(v))) {
    ctx.schema(msg.referencePath(field), loc);
  }
}

/** `$` or `$.…`/`$[…]`: rooted at the input, not at `$$` or a `$variable`. */
function isInputPath(path: string): boolean {
  return path === '$' || path.startsWith('$.') || path.startsWith('$[');
}

/** ErrorPath/CausePath: a reference path or an intrinsic function call. */
export function checkPathOrIntrinsicField(ctx: ValidationContext, o: JsonRecord, field: string, base: string): void {
  if (!has(o, field)) return;
  const v = o[field];
  const loc = pointer(base, field);
  if (!expectString(ctx, v, loc)) return;
  checkPathOrIntrinsic(ctx, v, loc, field);
}

/** The value of a `.$` key: a JSONPath or an intrinsic function call. */
export function checkPathOrIntrinsic(ctx: ValidationContext, v: string, loc: string, field: string): void {
  if (isIntrinsicCall(v)) {
    const e = intrinsicError(v);
    if (e !== undefined) ctx.schema(msg.intrinsic(field, e), loc);
    return;
  }
  if (!isValidJsonPath(v)) ctx.schema(msg.pathOrIntrinsic(field), loc);
}

/**
 * A `{% %}` string: reports a JSONata syntax error (INVALID_JSONATA_EXPRESSION) or a read of the
 * absent context item (UNSUPPORTED_JSONATA_EXPRESSION). Returns false when `v` is not a template.
 */
export function checkJsonataString(ctx: ValidationContext, v: unknown, loc: string, allowErrorOutput = false): boolean {
  const body = jsonataTemplateBody(v);
  if (body === undefined) return false;
  const e = jsonataSyntaxError(body);
  if (e !== undefined) {
    ctx.error('INVALID_JSONATA_EXPRESSION', msg.jsonata(e), loc);
    return true;
  }
  const reads = jsonataReads(body);
  for (const name of reads.topLevel) {
    ctx.error('UNSUPPORTED_JSONATA_EXPRESSION', name === '$$' ? msg.contextReference() : msg.topLevelReference(name), loc);
  }
  if (reads.errorOutput && !allowErrorOutput) ctx.error('UNSUPPORTED_JSONATA_EXPRESSION', msg.errorOutputMissing(), loc);
  return true;
}

/**
 * A numeric field that JSONata states may also give as a `{% %}` template (TimeoutSeconds,
 * Seconds, MaxConcurrency, ToleratedFailure*, MaxItemsPerBatch, ...).
 */
export function checkNumberField(
  scope: StateScope,
  o: JsonRecord,
  field: string,
  base: string,
  opts: Range & { readonly integer: boolean },
): void {
  if (!has(o, field)) return;
  const v = o[field];
  const loc = pointer(base, field);
  if (scope.language === 'JSONata' && typeof v === 'string') {
    if (!checkJsonataString(scope.ctx, v, loc)) {
      scope.ctx.schema(msg.jsonataOrType(field, opts.integer ? 'an integer' : 'a number'), loc);
    }
    return;
  }
  if (opts.integer) expectInteger(scope.ctx, v, loc, field, opts);
  else expectNumber(scope.ctx, v, loc, field, opts);
}

/** A string field that JSONata states may give as a template; `check` validates literals. */
export function checkStringField(
  scope: StateScope,
  o: JsonRecord,
  field: string,
  base: string,
  check?: (v: string, loc: string) => void,
): void {
  if (!has(o, field)) return;
  const v = o[field];
  const loc = pointer(base, field);
  if (!expectString(scope.ctx, v, loc)) return;
  if (scope.language === 'JSONata' && checkJsonataString(scope.ctx, v, loc)) return;
  check?.(v, loc);
}

/**
 * Request validation as AWS does it, from a declarative field table (aws-json/actions.ts):
 * a member of the wrong JSON type is a SerializationException; a missing required member, a
 * length or range outside the model's bounds, a value outside an enum or a pattern mismatch is a
 * ValidationException worded like AWS's ("1 validation error detected: Value 'x' at 'name'
 * failed to satisfy constraint: Member must have length less than or equal to 80"). Sensitive
 * members (inputs, outputs, causes) are not echoed back, as AWS does not echo them.
 */
import { ApiError } from '../api-errors.js';

export type FieldSpec =
  | { readonly t: 'string'; readonly min?: number; readonly max?: number; readonly pattern?: RegExp; readonly enum?: readonly string[]; readonly sensitive?: boolean; readonly bytes?: 'payload' }
  | { readonly t: 'integer' | 'number'; readonly min?: number; readonly max?: number }
  | { readonly t: 'boolean' }
  | { readonly t: 'object'; readonly fields?: Readonly<Record<string, FieldSpec>>; readonly required?: readonly string[] }
  | { readonly t: 'list'; readonly min?: number; readonly max?: number; readonly item: FieldSpec };

export interface ActionSpec {
  readonly required: readonly string[];
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

export interface ValidationLimits {
  /** Byte limit of payload members (input, output): STEPWISE_MAX_PAYLOAD_BYTES. */
  readonly maxPayloadBytes: number;
}

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

function describe(value: unknown, sensitive: boolean): string {
  if (sensitive) return 'Value';
  if (value === null || value === undefined) return 'Value null';
  if (typeof value === 'string') return `Value '${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `Value '${String(value)}'`;
  return `Value '${JSON.stringify(value)}'`;
}

function jsonTypeOk(spec: FieldSpec, v: unknown): boolean {
  switch (spec.t) {
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'list':
      return Array.isArray(v);
  }
}

function check(path: string, spec: FieldSpec, v: unknown, limits: ValidationLimits, out: string[]): void {
  if (!jsonTypeOk(spec, v)) {
    throw new ApiError('SerializationException', spec.t === 'object' || spec.t === 'list' ? `Unexpected value at '${path}': expected ${spec.t === 'list' ? 'an array' : 'an object'}` : `Unexpected value at '${path}': expected a ${spec.t}`);
  }
  switch (spec.t) {
    case 'string': {
      const s = v as string;
      const sensitive = spec.sensitive === true;
      const max = spec.bytes === 'payload' ? limits.maxPayloadBytes : spec.max;
      const len = spec.bytes === 'payload' ? Buffer.byteLength(s, 'utf8') : [...s].length;
      if (spec.min !== undefined && len < spec.min) out.push(`${describe(s, sensitive)} at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${spec.min}`);
      if (max !== undefined && len > max) out.push(`${describe(s, sensitive)} at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
      if (spec.enum && !spec.enum.includes(s)) out.push(`${describe(s, sensitive)} at '${path}' failed to satisfy constraint: Member must satisfy enum value set: [${spec.enum.join(', ')}]`);
      if (spec.pattern && !spec.pattern.test(s)) out.push(`${describe(s, sensitive)} at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${spec.pattern.source}`);
      return;
    }
    case 'integer':
    case 'number': {
      const n = v as number;
      if (spec.min !== undefined && n < spec.min) out.push(`Value '${n}' at '${path}' failed to satisfy constraint: Member must have value greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) out.push(`Value '${n}' at '${path}' failed to satisfy constraint: Member must have value less than or equal to ${spec.max}`);
      return;
    }
    case 'boolean':
      return;
    case 'object': {
      const o = v as Record<string, unknown>;
      for (const r of spec.required ?? []) if (o[r] === undefined || o[r] === null) out.push(`Value null at '${path}.${r}' failed to satisfy constraint: Member must not be null`);
      for (const [k, fs] of Object.entries(spec.fields ?? {})) {
        if (o[k] !== undefined && o[k] !== null) check(`${path}.${k}`, fs, o[k], limits, out);
      }
      return;
    }
    case 'list': {
      const a = v as unknown[];
      if (spec.min !== undefined && a.length < spec.min) out.push(`${describe(a, false)} at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${spec.min}`);
      if (spec.max !== undefined && a.length > spec.max) out.push(`${describe(a, false)} at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${spec.max}`);
      a.forEach((item, i) => check(`${path}.${i + 1}.member`, spec.item, item, limits, out));
      return;
    }
  }
}

/**
 * Checks a parsed request body against an action's spec. Returns the body as a typed record
 * (members the model does not know are dropped, as AWS ignores them), or throws ApiError.
 */
export function validateRequest(spec: ActionSpec, body: unknown, limits: ValidationLimits): Record<string, JsonValue> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('SerializationException', 'Start of structure or map found where not expected.');
  }
  const o = body as Record<string, unknown>;
  const problems: string[] = [];
  for (const r of spec.required) if (o[r] === undefined || o[r] === null) problems.push(`Value null at '${r}' failed to satisfy constraint: Member must not be null`);
  const out: Record<string, JsonValue> = {};
  for (const [k, fs] of Object.entries(spec.fields)) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    check(k, fs, v, limits, problems);
    out[k] = v as JsonValue;
  }
  if (problems.length > 0) {
    const n = problems.length;
    throw new ApiError('ValidationException', `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
  }
  return out;
}

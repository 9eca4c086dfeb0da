/**
 * JSON values as the interpreter sees them, and the few operations every evaluator needs on
 * them (deep equality, byte size, AWS-compatible serialisation). Kept here so no module invents
 * its own notion of "a JSON value".
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of two JSON values; key order is ignored. */
export function jsonEquals(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i] as Json, b[i] as Json)) return false;
    return true;
  }
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    for (const k of ka) if (!(k in b) || !jsonEquals(a[k] as Json, b[k] as Json)) return false;
    return true;
  }
  return false;
}

/** Serialise as AWS does in history and causes: compact JSON, no spaces. */
export function toJsonText(v: Json): string {
  return JSON.stringify(v);
}


/** UTF-8 byte size of the compact serialisation, the measure of AWS's payload limits. */
export function byteSize(v: Json | string): number {
  return utf8Length(typeof v === 'string' ? v : JSON.stringify(v));
}

/** UTF-8 length of a string without encoding it (the hot path of every state exit). */
export function utf8Length(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // a surrogate pair: 2 UTF-16 units, 4 UTF-8 bytes
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * Whether the compact serialisation of `v` takes at most `limit` UTF-8 bytes, without
 * serialising it when a cheap upper bound already fits (every UTF-16 unit of a string is at most
 * 6 bytes, as a `\uXXXX` escape; a number at most 25 characters). Only a value whose bound passes
 * the limit is serialised and measured exactly.
 */
export function fitsInBytes(v: Json, limit: number): boolean {
  return measuredBytes(v, limit) !== undefined;
}

/**
 * fitsInBytes that tells how much: an upper bound (at most `limit`) of the UTF-8 length of the
 * value's compact JSON text, or undefined when the value does not fit.
 */
export function measuredBytes(v: Json, limit: number): number | undefined {
  const bound = sizeBound(v, limit);
  if (bound <= limit) return bound;
  const exact = utf8Length(JSON.stringify(v));
  return exact <= limit ? exact : undefined;
}

/** An upper bound of the serialised size, or any number above `limit` once the bound passes it. */
function sizeBound(v: Json, limit: number): number {
  if (v === null) return 4;
  if (typeof v === 'string') return v.length * 6 + 2;
  if (typeof v === 'number') return 25;
  if (typeof v === 'boolean') return 5;
  let n = 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      n += sizeBound(v[i] as Json, limit) + 1;
      if (n > limit) return n;
    }
    return n;
  }
  for (const k in v) {
    n += k.length * 6 + 4 + sizeBound(v[k] as Json, limit);
    if (n > limit) return n;
  }
  return n;
}

/** A structural copy; evaluators never mutate their inputs. (Hand-written: much faster than structuredClone for JSON.) */
export function cloneJson<T extends Json>(v: T): T {
  return copy(v) as T;
}

function copy(v: Json): Json {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const out: Json[] = new Array<Json>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i] as Json);
    return out;
  }
  const out: JsonObject = {};
  for (const k in v) {
    if (Object.prototype.hasOwnProperty.call(v, k)) out[k] = copy(v[k] as Json);
  }
  return out;
}

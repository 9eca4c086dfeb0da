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

const encoder = new TextEncoder();

/** UTF-8 byte size of the compact serialisation, the measure of AWS's payload limits. */
export function byteSize(v: Json | string): number {
  return encoder.encode(typeof v === 'string' ? v : JSON.stringify(v)).length;
}

/** A structural copy; evaluators never mutate their inputs. */
export function cloneJson<T extends Json>(v: T): T {
  return structuredClone(v);
}

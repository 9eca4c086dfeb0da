/**
 * The two JSON helpers the mock and test-file modules need at run time. The Json type comes from
 * @stepwise/asl; these stay local so loading a MockConfigFile (the engine and the api do it at
 * start) does not load the interpreter.
 */
import type { Json, JsonObject } from '@stepwise/asl';

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of two JSON values; key order is ignored. */
export function jsonDeepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonDeepEqual(x, b[i] as Json));
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonDeepEqual(a[k] as Json, b[k] as Json));
  }
  return false;
}

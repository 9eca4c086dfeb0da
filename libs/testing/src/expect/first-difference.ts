/**
 * The first place two JSON values differ, as a JSON path and the two values there. A failing
 * case prints this one line instead of two large documents.
 */
import type { Json } from '@stepwise/asl';
import { isJsonObject as isObject, jsonDeepEqual as jsonEquals } from '../json-values.js';

export interface Difference {
  /** `$`, `$.order.items[2].price` ... */
  readonly path: string;
  readonly expected: Json | undefined;
  readonly actual: Json | undefined;
  readonly message: string;
}

/** Exact comparison (key order ignored). */
export function firstDifference(expected: Json, actual: Json | undefined): Difference | undefined {
  return walk(expected, actual, '$', false);
}

/**
 * Subset comparison: every key of an expected object must be present and match in the actual
 * object (recursively); arrays must have the same length and match element by element.
 */
export function firstSubsetDifference(expected: Json, actual: Json | undefined): Difference | undefined {
  return walk(expected, actual, '$', true);
}

export function isSubset(expected: Json, actual: Json | undefined): boolean {
  return firstSubsetDifference(expected, actual) === undefined;
}

function walk(expected: Json, actual: Json | undefined, path: string, subset: boolean): Difference | undefined {
  if (actual === undefined) return { path, expected, actual, message: `${path} is missing` };
  if (isObject(expected)) {
    if (!isObject(actual)) return mismatch(path, expected, actual);
    for (const key of Object.keys(expected)) {
      const d = walk(expected[key] as Json, actual[key], childPath(path, key), subset);
      if (d) return d;
    }
    if (!subset) {
      const extra = Object.keys(actual).find((k) => !(k in expected));
      if (extra !== undefined) {
        return { path: childPath(path, extra), expected: undefined, actual: actual[extra], message: `${childPath(path, extra)} is not expected` };
      }
    }
    return undefined;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return mismatch(path, expected, actual);
    const n = Math.min(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const d = walk(expected[i] as Json, actual[i], `${path}[${i}]`, subset);
      if (d) return d;
    }
    if (expected.length !== actual.length) {
      return {
        path,
        expected,
        actual,
        message: `${path} has ${actual.length} element${actual.length === 1 ? '' : 's'}, expected ${expected.length}`,
      };
    }
    return undefined;
  }
  return jsonEquals(expected, actual) ? undefined : mismatch(path, expected, actual);
}

function mismatch(path: string, expected: Json, actual: Json): Difference {
  return { path, expected, actual, message: `${path}: expected ${show(expected)}, got ${show(actual)}` };
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** A short rendering of a value for one-line messages. */
export function show(v: Json | undefined, max = 120): string {
  if (v === undefined) return '(nothing)';
  const text = JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

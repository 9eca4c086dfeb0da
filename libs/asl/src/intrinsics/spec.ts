/**
 * The contract of one intrinsic function: its arity and its implementation over already
 * evaluated arguments. A function reports bad arguments by throwing IntrinsicArgumentError
 * with AWS's message; evaluate.ts turns that into a States.IntrinsicFailure with the call text.
 */
import type { Json } from '../json.js';
import { isObject } from '../json.js';
import type { EvalEnv } from '../payload/sources.js';
import { javaDisplayText } from './java-text.js';

export interface IntrinsicSpec {
  readonly name: string;
  /** Fewest arguments accepted. */
  readonly minArgs: number;
  /** Most arguments accepted (Infinity for variadic functions). */
  readonly maxArgs: number;
  /** Runs the function; `raw` carries string literals' text with escapes kept (States.Format). */
  readonly apply: (args: readonly Json[], env: EvalEnv, raw: readonly (string | undefined)[]) => Json;
}

export class IntrinsicArgumentError extends Error {
  override readonly name = 'IntrinsicArgumentError';
}

export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export function typeOfJson(v: Json): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (isObject(v)) return 'object';
  return typeof v as 'string' | 'number' | 'boolean';
}

function expect(fn: string, index: number, v: Json | undefined, type: JsonType): void {
  if (v === undefined || typeOfJson(v) !== type) {
    const got = v === undefined ? 'nothing' : `${typeOfJson(v)} '${javaDisplayText(v)}'`;
    throw new IntrinsicArgumentError(`${fn}: argument ${index + 1} must be a ${type}, but was ${got}.`);
  }
}

export function stringArg(fn: string, args: readonly Json[], index: number): string {
  const v = args[index];
  expect(fn, index, v, 'string');
  return v as string;
}

export function numberArg(fn: string, args: readonly Json[], index: number): number {
  const v = args[index];
  expect(fn, index, v, 'number');
  return v as number;
}

export function integerArg(fn: string, args: readonly Json[], index: number): number {
  const n = numberArg(fn, args, index);
  if (!Number.isInteger(n)) throw new IntrinsicArgumentError(`${fn}: argument ${index + 1} must be an integer, but was ${n}.`);
  return n;
}

/** Java's Math.round: half up (floor(x + 0.5)), never a negative zero. */
export function roundHalfUp(n: number): number {
  return Math.floor(n + 0.5) + 0;
}

/**
 * A number argument where AWS wants an integer but rounds a non-integer to the nearest one
 * (States.ArrayPartition, ArrayRange, MathRandom, MathAdd).
 */
export function roundedIntegerArg(fn: string, args: readonly Json[], index: number): number {
  return roundHalfUp(numberArg(fn, args, index));
}

export function booleanArg(fn: string, args: readonly Json[], index: number): boolean {
  const v = args[index];
  expect(fn, index, v, 'boolean');
  return v as boolean;
}

export function arrayArg(fn: string, args: readonly Json[], index: number): readonly Json[] {
  const v = args[index];
  expect(fn, index, v, 'array');
  return v as readonly Json[];
}

export function objectArg(fn: string, args: readonly Json[], index: number): { readonly [k: string]: Json } {
  const v = args[index];
  expect(fn, index, v, 'object');
  return v as { readonly [k: string]: Json };
}

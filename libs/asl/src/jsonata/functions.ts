/**
 * The functions AWS adds to JSONata in Step Functions ($partition, $range, $hash, $random,
 * $uuid, $parse) and the clock functions ($now, $millis) rebound to the injected clock so a
 * replay evaluates the same way. They reuse the intrinsic implementations where AWS's
 * behaviour is the same.
 */
import jsonata from 'jsonata';
import type { Json } from '../json.js';
import type { EvalEnv } from '../payload/sources.js';
import { arrayPartition } from '../intrinsics/functions/array-partition.js';
import { arrayRange } from '../intrinsics/functions/array-range.js';
import { hash } from '../intrinsics/functions/hash.js';
import { IntrinsicArgumentError } from '../intrinsics/spec.js';

/** An error in the shape JSONata's own errors have, so causes print `code: message` alike. */
export class JsonataFunctionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Fn = (...args: never[]) => unknown;

/** A JSONata sequence: a one-element result is unwrapped, as AWS's $range result is. */
function sequence(items: readonly Json[]): Json[] {
  const out: Json[] & { sequence?: boolean } = [...items];
  Object.defineProperty(out, 'sequence', { value: true, enumerable: false });
  return out;
}

function wrap(fn: string, run: () => Json): Json {
  try {
    return run();
  } catch (e) {
    if (e instanceof IntrinsicArgumentError) throw new JsonataFunctionError('D3137', e.message.replace(/^States\.\w+/, `$${fn}`));
    throw e;
  }
}

const fromMillis = jsonata('$fromMillis($ms, $picture, $tz)');

/** java.util.Random(seed).nextDouble(), for a seeded $random. */
function javaSeededDouble(seed: number): number {
  const MULT = 0x5deece66dn;
  const MASK = (1n << 48n) - 1n;
  let s = (BigInt(Math.trunc(seed)) ^ MULT) & MASK;
  const next = (bits: number): bigint => {
    s = (s * MULT + 0xbn) & MASK;
    return s >> BigInt(48 - bits);
  };
  const hi = next(26);
  const lo = next(27);
  return Number((hi << 27n) + lo) * 2 ** -53;
}

/** Names AWS defines on top of JSONata; the rest of `$name` lookups are variables. */
export function awsFunctions(env: EvalEnv): Readonly<Record<string, Fn>> {
  return {
    partition: (array: Json, size: Json): Json => wrap('partition', () => arrayPartition.apply([array, size], env, [])),
    range: (start: Json, end: Json, step: Json): Json =>
      wrap('range', () => sequence(arrayRange.apply([start, end, step], env, []) as Json[])),
    hash: (data: Json, algorithm: Json): Json => wrap('hash', () => hash.apply([data, algorithm], env, [])),
    random: (seed?: Json): Json => (typeof seed === 'number' ? javaSeededDouble(seed) : env.random()),
    uuid: (): Json => env.uuid(),
    parse: (text: Json): Json => {
      if (typeof text !== 'string') throw new JsonataFunctionError('D3137', '$parse: the argument must be a string.');
      try {
        return JSON.parse(text) as Json;
      } catch {
        throw new JsonataFunctionError('D3137', `$parse: the string '${text}' is not valid JSON.`);
      }
    },
    millis: (): Json => env.now,
    now: (picture?: string, timezone?: string): Promise<unknown> =>
      fromMillis.evaluate({}, { ms: env.now, picture, tz: timezone }),
  };
}

export const AWS_FUNCTION_NAMES: ReadonlySet<string> = new Set(['partition', 'range', 'hash', 'random', 'uuid', 'parse', 'millis', 'now']);

/** Built-ins AWS removes: `$eval` is not available (use `$parse`); calling it is T1006. */
export const AWS_REMOVED_FUNCTIONS: ReadonlySet<string> = new Set(['eval']);

/**
 * States.MathRandom: an integer in [start, end) (non-integer bounds are rounded). Unseeded, it draws from the injected random
 * source; with a seed it follows java.util.Random, so a seed gives the sequence AWS's JVM gives.
 */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, roundedIntegerArg } from '../spec.js';

const MULT = 0x5deece66dn;
const MASK = (1n << 48n) - 1n;

/** java.util.Random(seed).nextInt(bound). */
export function javaSeededNextInt(seed: number, bound: number): number {
  let s = (BigInt(seed) ^ MULT) & MASK;
  const next = (bits: number): number => {
    s = (s * MULT + 0xbn) & MASK;
    const v = Number(s >> BigInt(48 - bits));
    return v | 0;
  };
  if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(next(31))) >> 31n);
  for (;;) {
    const bits = next(31);
    const val = bits % bound;
    if (bits - val + (bound - 1) < 2 ** 31) return val;
  }
}

export const mathRandom: IntrinsicSpec = {
  name: 'States.MathRandom',
  minArgs: 2,
  maxArgs: 3,
  apply(args: readonly Json[], env): Json {
    const start = roundedIntegerArg('States.MathRandom', args, 0);
    const end = roundedIntegerArg('States.MathRandom', args, 1);
    if (end <= start) throw new IntrinsicArgumentError(`States.MathRandom: the end (${end}) must be greater than the start (${start}).`);
    const span = end - start;
    if (args.length === 3) {
      const seed = roundedIntegerArg('States.MathRandom', args, 2);
      if (span <= 2 ** 31 - 1) return start + javaSeededNextInt(seed, span);
    }
    return start + Math.floor(env.random() * span);
  },
};

/**
 * States.MathAdd: the sum of two numbers, each first rounded half up to an integer, each in
 * the 32-bit signed range (as AWS does).
 */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, roundedIntegerArg } from '../spec.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function int32Arg(args: readonly Json[], index: number): number {
  const n = roundedIntegerArg('States.MathAdd', args, index);
  if (n < INT_MIN || n > INT_MAX) {
    throw new IntrinsicArgumentError(`States.MathAdd: argument ${index + 1} must be between ${INT_MIN} and ${INT_MAX}, but was ${n}.`);
  }
  return n;
}

export const mathAdd: IntrinsicSpec = {
  name: 'States.MathAdd',
  minArgs: 2,
  maxArgs: 2,
  apply(args: readonly Json[]): Json {
    const a = int32Arg(args, 0);
    const b = int32Arg(args, 1);
    return a + b + 0;
  },
};

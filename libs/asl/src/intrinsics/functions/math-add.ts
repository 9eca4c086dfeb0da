/** States.MathAdd: the sum of two numbers, each first rounded half up to an integer (as AWS does). */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { numberArg } from '../spec.js';

/** Java's Math.round: floor(x + 0.5), without a negative zero. */
function roundHalfUp(n: number): number {
  return Math.floor(n + 0.5) + 0;
}

export const mathAdd: IntrinsicSpec = {
  name: 'States.MathAdd',
  minArgs: 2,
  maxArgs: 2,
  apply(args: readonly Json[]): Json {
    const a = roundHalfUp(numberArg('States.MathAdd', args, 0));
    const b = roundHalfUp(numberArg('States.MathAdd', args, 1));
    return a + b + 0;
  },
};

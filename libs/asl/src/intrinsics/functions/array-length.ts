/** States.ArrayLength: the number of elements of an array. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { arrayArg } from '../spec.js';

export const arrayLength: IntrinsicSpec = {
  name: 'States.ArrayLength',
  minArgs: 1,
  maxArgs: 1,
  apply: (args: readonly Json[]): Json => arrayArg('States.ArrayLength', args, 0).length,
};

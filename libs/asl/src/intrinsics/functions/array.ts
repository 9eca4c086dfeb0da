/** States.Array: its arguments, as an array. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';

export const array: IntrinsicSpec = {
  name: 'States.Array',
  minArgs: 0,
  maxArgs: Infinity,
  apply: (args: readonly Json[]): Json => [...args],
};

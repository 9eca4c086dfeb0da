/** States.ArrayGetItem: the element at a zero-based index. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { arrayArg, integerArg, IntrinsicArgumentError } from '../spec.js';

export const arrayGetItem: IntrinsicSpec = {
  name: 'States.ArrayGetItem',
  minArgs: 2,
  maxArgs: 2,
  apply(args: readonly Json[]): Json {
    const items = arrayArg('States.ArrayGetItem', args, 0);
    const index = integerArg('States.ArrayGetItem', args, 1);
    if (index < 0 || index >= items.length) {
      throw new IntrinsicArgumentError(`States.ArrayGetItem: the index ${index} is out of bounds for an array of length ${items.length}.`);
    }
    return items[index] as Json;
  },
};

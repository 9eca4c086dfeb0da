/** States.ArrayContains: whether an array holds a value (deep JSON equality). */
import type { Json } from '../../json.js';
import { jsonEquals } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { arrayArg } from '../spec.js';

export const arrayContains: IntrinsicSpec = {
  name: 'States.ArrayContains',
  minArgs: 2,
  maxArgs: 2,
  apply(args: readonly Json[]): Json {
    const items = arrayArg('States.ArrayContains', args, 0);
    const value = args[1] as Json;
    return items.some((x) => jsonEquals(x, value));
  },
};

/** States.ArrayPartition: an array cut into chunks of a given size (the last may be shorter); a non-integer size is rounded. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { arrayArg, IntrinsicArgumentError, roundedIntegerArg } from '../spec.js';

export const arrayPartition: IntrinsicSpec = {
  name: 'States.ArrayPartition',
  minArgs: 2,
  maxArgs: 2,
  apply(args: readonly Json[]): Json {
    const items = arrayArg('States.ArrayPartition', args, 0);
    const size = roundedIntegerArg('States.ArrayPartition', args, 1);
    if (size <= 0) throw new IntrinsicArgumentError(`States.ArrayPartition: the chunk size must be a positive integer, but was ${size}.`);
    const out: Json[] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    return out;
  },
};

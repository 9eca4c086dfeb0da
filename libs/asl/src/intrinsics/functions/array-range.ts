/** States.ArrayRange: integers from start to end (inclusive) by step; at most 1000 of them; non-integers are rounded. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, roundedIntegerArg } from '../spec.js';

export const ARRAY_RANGE_MAX_ITEMS = 1000;

export const arrayRange: IntrinsicSpec = {
  name: 'States.ArrayRange',
  minArgs: 3,
  maxArgs: 3,
  apply(args: readonly Json[]): Json {
    const start = roundedIntegerArg('States.ArrayRange', args, 0);
    const end = roundedIntegerArg('States.ArrayRange', args, 1);
    const step = roundedIntegerArg('States.ArrayRange', args, 2);
    if (step === 0) throw new IntrinsicArgumentError('States.ArrayRange: the step must not be 0.');
    const count = Math.max(0, Math.floor((end - start) / step) + 1);
    if (count > ARRAY_RANGE_MAX_ITEMS) {
      throw new IntrinsicArgumentError(
        `States.ArrayRange: the result would have ${count} items, more than the limit of ${ARRAY_RANGE_MAX_ITEMS}.`,
      );
    }
    const out: number[] = [];
    for (let k = 0; k < count; k++) out.push(start + k * step);
    return out;
  },
};

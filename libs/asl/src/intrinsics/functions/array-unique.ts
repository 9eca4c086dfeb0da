/** States.ArrayUnique: the array without repeated values (deep equality), first occurrences kept. */
import type { Json } from '../../json.js';
import { jsonEquals } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { arrayArg } from '../spec.js';

export const arrayUnique: IntrinsicSpec = {
  name: 'States.ArrayUnique',
  minArgs: 1,
  maxArgs: 1,
  apply(args: readonly Json[]): Json {
    const out: Json[] = [];
    for (const x of arrayArg('States.ArrayUnique', args, 0)) if (!out.some((y) => jsonEquals(x, y))) out.push(x);
    return out;
  },
};

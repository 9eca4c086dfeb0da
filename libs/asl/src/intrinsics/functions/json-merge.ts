/** States.JsonMerge: a shallow merge of two objects (the second wins); deep merge is refused as AWS does. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { booleanArg, IntrinsicArgumentError, objectArg } from '../spec.js';

export const jsonMerge: IntrinsicSpec = {
  name: 'States.JsonMerge',
  minArgs: 3,
  maxArgs: 3,
  apply(args: readonly Json[]): Json {
    const a = objectArg('States.JsonMerge', args, 0);
    const b = objectArg('States.JsonMerge', args, 1);
    if (booleanArg('States.JsonMerge', args, 2)) {
      throw new IntrinsicArgumentError('States.JsonMerge: only the shallow merge is supported; the third argument must be false.');
    }
    return { ...a, ...b };
  },
};

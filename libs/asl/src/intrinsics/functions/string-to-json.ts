/** States.StringToJson: parses JSON text; an empty (or blank) string gives null, as on AWS. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, stringArg } from '../spec.js';

export const stringToJson: IntrinsicSpec = {
  name: 'States.StringToJson',
  minArgs: 1,
  maxArgs: 1,
  apply(args: readonly Json[]): Json {
    const text = stringArg('States.StringToJson', args, 0);
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text) as Json;
    } catch {
      throw new IntrinsicArgumentError(`States.StringToJson: the string '${text}' is not valid JSON.`);
    }
  },
};

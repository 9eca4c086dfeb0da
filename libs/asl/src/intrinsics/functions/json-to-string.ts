/** States.JsonToString: compact JSON text of a value (no spaces, Java number rendering). */
import type { Json } from '../../json.js';
import { javaJsonText } from '../java-text.js';
import type { IntrinsicSpec } from '../spec.js';

export const jsonToString: IntrinsicSpec = {
  name: 'States.JsonToString',
  minArgs: 1,
  maxArgs: 1,
  apply: (args: readonly Json[]): Json => javaJsonText(args[0] as Json),
};

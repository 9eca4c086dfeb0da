/** States.Base64Encode: the base64 text of a string's UTF-8 bytes (input up to 10,000 characters). */
import type { Json } from '../../json.js';
import { base64FromBytes } from '../base64.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, stringArg } from '../spec.js';

export const BASE64_MAX_INPUT = 10_000;

export const base64Encode: IntrinsicSpec = {
  name: 'States.Base64Encode',
  minArgs: 1,
  maxArgs: 1,
  apply(args: readonly Json[]): Json {
    const s = stringArg('States.Base64Encode', args, 0);
    if (s.length > BASE64_MAX_INPUT) {
      throw new IntrinsicArgumentError(`States.Base64Encode: the input must be at most ${BASE64_MAX_INPUT} characters, but has ${s.length}.`);
    }
    return base64FromBytes(new TextEncoder().encode(s));
  },
};

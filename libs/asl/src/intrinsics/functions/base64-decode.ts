/** States.Base64Decode: the UTF-8 text of base64 data (input up to 10,000 characters). */
import type { Json } from '../../json.js';
import { bytesFromBase64 } from '../base64.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, stringArg } from '../spec.js';
import { BASE64_MAX_INPUT } from './base64-encode.js';

export const base64Decode: IntrinsicSpec = {
  name: 'States.Base64Decode',
  minArgs: 1,
  maxArgs: 1,
  apply(args: readonly Json[]): Json {
    const s = stringArg('States.Base64Decode', args, 0);
    if (s.length > BASE64_MAX_INPUT) {
      throw new IntrinsicArgumentError(`States.Base64Decode: the input must be at most ${BASE64_MAX_INPUT} characters, but has ${s.length}.`);
    }
    const bytes = bytesFromBase64(s);
    if (bytes === undefined) throw new IntrinsicArgumentError('States.Base64Decode: the input is not valid base64 data.');
    return new TextDecoder().decode(bytes);
  },
};

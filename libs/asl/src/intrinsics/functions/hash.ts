/** States.Hash: the hex digest of a string with MD5, SHA-1, SHA-256, SHA-384 or SHA-512. */
import { md5, sha1 } from '@noble/hashes/legacy';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2';
import { bytesToHex } from '@noble/hashes/utils';
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, stringArg } from '../spec.js';
import { javaJsonText } from '../java-text.js';

export const HASH_MAX_INPUT = 10_000;

const ALGORITHMS: Readonly<Record<string, (data: Uint8Array) => Uint8Array>> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

export const hash: IntrinsicSpec = {
  name: 'States.Hash',
  minArgs: 2,
  maxArgs: 2,
  apply(args: readonly Json[]): Json {
    const data = args[0] as Json;
    const text = typeof data === 'string' ? data : javaJsonText(data);
    const algorithm = stringArg('States.Hash', args, 1);
    const fn = ALGORITHMS[algorithm];
    if (fn === undefined) {
      throw new IntrinsicArgumentError(
        `States.Hash: the hash algorithm '${algorithm}' is not supported; use one of ${Object.keys(ALGORITHMS).join(', ')}.`,
      );
    }
    if (text.length > HASH_MAX_INPUT) {
      throw new IntrinsicArgumentError(`States.Hash: the input must be at most ${HASH_MAX_INPUT} characters, but has ${text.length}.`);
    }
    return bytesToHex(fn(new TextEncoder().encode(text)));
  },
};

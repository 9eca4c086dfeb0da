/**
 * Every intrinsic function AWS offers, by its name in the language. The Record over
 * IntrinsicName makes the table exhaustive: adding a name without an implementation is a
 * compile error. The validator uses `isIntrinsicName` and the arities.
 */
import type { IntrinsicSpec } from './spec.js';
import { array } from './functions/array.js';
import { arrayContains } from './functions/array-contains.js';
import { arrayGetItem } from './functions/array-get-item.js';
import { arrayLength } from './functions/array-length.js';
import { arrayPartition } from './functions/array-partition.js';
import { arrayRange } from './functions/array-range.js';
import { arrayUnique } from './functions/array-unique.js';
import { base64Decode } from './functions/base64-decode.js';
import { base64Encode } from './functions/base64-encode.js';
import { format } from './functions/format.js';
import { hash } from './functions/hash.js';
import { jsonMerge } from './functions/json-merge.js';
import { jsonToString } from './functions/json-to-string.js';
import { mathAdd } from './functions/math-add.js';
import { mathRandom } from './functions/math-random.js';
import { stringSplit } from './functions/string-split.js';
import { stringToJson } from './functions/string-to-json.js';
import { uuid } from './functions/uuid.js';

export type IntrinsicName =
  | 'States.Format'
  | 'States.StringToJson'
  | 'States.JsonToString'
  | 'States.Array'
  | 'States.ArrayPartition'
  | 'States.ArrayContains'
  | 'States.ArrayRange'
  | 'States.ArrayGetItem'
  | 'States.ArrayLength'
  | 'States.ArrayUnique'
  | 'States.Base64Encode'
  | 'States.Base64Decode'
  | 'States.Hash'
  | 'States.JsonMerge'
  | 'States.MathRandom'
  | 'States.MathAdd'
  | 'States.StringSplit'
  | 'States.UUID';

export const intrinsicRegistry: Readonly<Record<IntrinsicName, IntrinsicSpec>> = {
  'States.Format': format,
  'States.StringToJson': stringToJson,
  'States.JsonToString': jsonToString,
  'States.Array': array,
  'States.ArrayPartition': arrayPartition,
  'States.ArrayContains': arrayContains,
  'States.ArrayRange': arrayRange,
  'States.ArrayGetItem': arrayGetItem,
  'States.ArrayLength': arrayLength,
  'States.ArrayUnique': arrayUnique,
  'States.Base64Encode': base64Encode,
  'States.Base64Decode': base64Decode,
  'States.Hash': hash,
  'States.JsonMerge': jsonMerge,
  'States.MathRandom': mathRandom,
  'States.MathAdd': mathAdd,
  'States.StringSplit': stringSplit,
  'States.UUID': uuid,
};

export function isIntrinsicName(name: string): name is IntrinsicName {
  return Object.prototype.hasOwnProperty.call(intrinsicRegistry, name);
}

/** The spec of a name, or undefined for a name AWS does not define. */
export function intrinsicSpec(name: string): IntrinsicSpec | undefined {
  return isIntrinsicName(name) ? intrinsicRegistry[name] : undefined;
}

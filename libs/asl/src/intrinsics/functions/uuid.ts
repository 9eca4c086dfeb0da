/** States.UUID: a version 4 UUID from the injected source. */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';

export const uuid: IntrinsicSpec = {
  name: 'States.UUID',
  minArgs: 0,
  maxArgs: 0,
  apply: (_args: readonly Json[], env): Json => env.uuid(),
};

// Shared fixtures for the expression-evaluator tests: fixed env, sources from plain values.
import type { Json } from '../../src/json.js';
import type { EvalEnv, EvalSources } from '../../src/payload/sources.js';

export const fixedEnv: EvalEnv = {
  now: Date.UTC(2024, 1, 29, 12, 30, 15, 250),
  random: () => 0.5,
  uuid: () => '3f1c2b7a-9d4e-4c1b-8a2f-0e6d5c4b3a29',
};

export function sources(input: Json, context: Json = {}, vars: Record<string, Json> = {}): EvalSources {
  return { input, context, variables: (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined) };
}

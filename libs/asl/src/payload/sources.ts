/**
 * The data a JSONPath-mode field can see while one state evaluates it. The state layer builds
 * one of these per field (the effective input differs between Parameters and ResultSelector),
 * and every evaluator here reads `$`, `$$` and `$name` through it and nothing else.
 */
import type { Json } from '../json.js';

/** What `$`, `$$` and `$name` can see while evaluating one field of one state. */
export interface EvalSources {
  /** `$`: the effective input for this field. */
  readonly input: Json;
  /** `$$`: the context object. */
  readonly context: Json;
  /** `$name` lookups (Assign variables); undefined when unset. */
  readonly variables: (name: string) => Json | undefined;
}

/** Injected impurity: the only clock, random source and UUID source the evaluators see. */
export interface EvalEnv {
  /** Epoch milliseconds. */
  readonly now: number;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** RFC 4122 version 4 text. */
  readonly uuid: () => string;
}

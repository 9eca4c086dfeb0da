/**
 * The JSONata data-flow of a state: Arguments, Output and Assign are `{% %}` templates evaluated
 * with `$states` (input, context, result, errorOutput) and the visible variables. Here so the
 * evaluators share one way to build `$states` and to name the field in causes.
 */
import type { Json, JsonObject } from '../json.js';
import { evaluateJsonataTemplate } from '../jsonata/evaluate.js';
import type { StateRun } from '../states/evaluator.js';

/** The `$states` binding. */
export interface JsonataStates {
  readonly input: Json;
  readonly context: Json;
  readonly result?: Json;
  readonly errorOutput?: Json;
}

export function jsonataStates(run: StateRun, input: Json, extra?: { result?: Json; errorOutput?: Json; context?: JsonObject }): JsonataStates {
  return new LazyStates(run, input, extra);
}

/** `$states.context` is built only when an expression reads `$states`. */
class LazyStates implements JsonataStates {
  readonly result?: Json;
  readonly errorOutput?: Json;
  private ctxValue: JsonObject | undefined;
  private readonly run: StateRun;

  constructor(
    run: StateRun,
    readonly input: Json,
    extra: { result?: Json; errorOutput?: Json; context?: JsonObject } | undefined,
  ) {
    this.run = run;
    this.ctxValue = extra?.context;
    if (extra?.result !== undefined) this.result = extra.result;
    if (extra?.errorOutput !== undefined) this.errorOutput = extra.errorOutput;
  }

  get context(): Json {
    this.ctxValue ??= this.run.contextObject();
    return this.ctxValue;
  }
}

/** A JSON value whose strings may be `{% %}` expressions; `field` names it in causes (`Output`). */
export async function evaluateJsonataValue(run: StateRun, value: Json, states: JsonataStates, field: string): Promise<Json> {
  return evaluateJsonataTemplate(value, states, (name) => run.variable(name), run.env, field);
}

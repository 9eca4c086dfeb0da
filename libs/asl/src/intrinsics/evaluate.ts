/**
 * Evaluates a parsed intrinsic call: arguments inside out (paths against the sources, nested
 * calls first), then the function. Failures become StatesErrors in AWS's shape: a path that
 * matches nothing is States.Runtime, a function refusing its arguments is
 * States.IntrinsicFailure.
 */
import type { Json } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { intrinsicFailureCause, intrinsicPathNotFoundCause } from '../errors/causes.js';
import { queryPath } from '../paths/jsonpath.js';
import type { EvalEnv, EvalSources } from '../payload/sources.js';
import type { IntrinsicArg, IntrinsicCall } from './parse.js';
import { intrinsicSpec } from './registry.js';
import { IntrinsicArgumentError } from './spec.js';

/** Most nested calls AWS accepts in one field. */
export const MAX_INTRINSIC_NESTING = 10;

/**
 * Evaluates `call`. `field` names the payload field for causes (e.g. `FunctionResult.$`);
 * it defaults to the call's own name.
 */
export function evaluateIntrinsic(call: IntrinsicCall, sources: EvalSources, env: EvalEnv, field?: string): Json {
  return evalCall(call, sources, env, field ?? call.name);
}

function evalCall(call: IntrinsicCall, sources: EvalSources, env: EvalEnv, field: string): Json {
  const spec = intrinsicSpec(call.name);
  const text = intrinsicText(call);
  if (spec === undefined) {
    throw new StatesError('States.IntrinsicFailure', intrinsicFailureCause(text, field, `The function '${call.name}' does not exist.`));
  }
  if (call.args.length < spec.minArgs || call.args.length > spec.maxArgs) {
    const expected =
      spec.minArgs === spec.maxArgs
        ? `${spec.minArgs}`
        : spec.maxArgs === Infinity
          ? `at least ${spec.minArgs}`
          : `${spec.minArgs} to ${spec.maxArgs}`;
    throw new StatesError(
      'States.IntrinsicFailure',
      intrinsicFailureCause(text, field, `${call.name} takes ${expected} argument(s), but ${call.args.length} were given.`),
    );
  }
  const values = call.args.map((a) => evalArg(a, sources, env, field));
  const raw = call.args.map((a) => (a.kind === 'literal' ? a.raw : undefined));
  try {
    return spec.apply(values, env, raw);
  } catch (e) {
    if (e instanceof IntrinsicArgumentError) {
      throw new StatesError('States.IntrinsicFailure', intrinsicFailureCause(text, field, e.message));
    }
    throw e;
  }
}

function evalArg(arg: IntrinsicArg, sources: EvalSources, env: EvalEnv, field: string): Json {
  switch (arg.kind) {
    case 'literal':
      return arg.value;
    case 'call':
      return evalCall(arg.call, sources, env, field);
    case 'path': {
      const v = queryPath(arg.path, sources);
      if (v === undefined) {
        throw new StatesError('States.Runtime', intrinsicPathNotFoundCause(field, sources.input));
      }
      return v;
    }
  }
}

/** The call as text, for causes. */
export function intrinsicText(call: IntrinsicCall): string {
  return `${call.name}(${call.args.map(argText).join(', ')})`;
}

function argText(a: IntrinsicArg): string {
  switch (a.kind) {
    case 'path':
      return a.path;
    case 'call':
      return intrinsicText(a.call);
    case 'literal':
      return typeof a.value === 'string' ? `'${a.raw ?? a.value}'` : JSON.stringify(a.value);
  }
}

/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Map
 * Parameters): keys ending in `.$` take a path (`$...`, `$$...`, `$var...`) or an intrinsic
 * call, and lose the `.$`; other values are copied; objects and arrays recurse.
 */
import type { Json, JsonObject } from '../json.js';
import { isObject } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { invalidDynamicValueCause, pathNotFoundCause } from '../errors/causes.js';
import { queryPath } from '../paths/jsonpath.js';
import { PathSyntaxError } from '../paths/syntax.js';
import { evaluateIntrinsic } from '../intrinsics/evaluate.js';
import type { IntrinsicCall } from '../intrinsics/parse.js';
import { isIntrinsicCall, IntrinsicSyntaxError, parseIntrinsic } from '../intrinsics/parse.js';
import type { EvalEnv, EvalSources } from './sources.js';

/**
 * Evaluates a template. `field` is the state field ('Parameters', 'ResultSelector', ...);
 * causes name the key that failed (`key.$`) as AWS does.
 */
export function evaluatePayloadTemplate(template: Json, sources: EvalSources, env: EvalEnv, field: string): Json {
  return walk(template, sources, env, field);
}

function walk(v: Json, sources: EvalSources, env: EvalEnv, field: string): Json {
  if (Array.isArray(v)) return v.map((x) => walk(x, sources, env, field));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(v)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      out[key.slice(0, -2)] = evaluateDynamicValue(value, key, sources, env);
    } else {
      out[key] = walk(value, sources, env, field);
    }
  }
  return out;
}

/**
 * The value of one `.$` field: a path or an intrinsic call. `key` is the field's key with its
 * `.$` (it names the field in causes). Also used for single-value fields that take either.
 */
export function evaluateDynamicValue(expr: string, key: string, sources: EvalSources, env: EvalEnv): Json {
  const text = expr.trim();
  if (isIntrinsicCall(text)) return evaluateIntrinsic(parseIntrinsicCached(text, key), sources, env, key);
  let v: Json | undefined;
  try {
    v = queryPath(text, sources);
  } catch (e) {
    if (e instanceof PathSyntaxError) throw new StatesError('States.Runtime', invalidDynamicValueCause(text, key, e.message));
    throw e;
  }
  if (v === undefined) throw new StatesError('States.Runtime', pathNotFoundCause(text, key, sources.input));
  return v;
}

const parsed = new Map<string, IntrinsicCall>();

function parseIntrinsicCached(text: string, key: string): IntrinsicCall {
  let call = parsed.get(text);
  if (call === undefined) {
    try {
      call = parseIntrinsic(text);
    } catch (e) {
      if (e instanceof IntrinsicSyntaxError) throw new StatesError('States.Runtime', invalidDynamicValueCause(text, key, e.message));
      throw e;
    }
    if (parsed.size > 5000) parsed.clear();
    parsed.set(text, call);
  }
  return call;
}

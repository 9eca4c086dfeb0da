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
  void field;
  return compileTemplate(template)(sources, env);
}

/**
 * A template compiled into a tree of closures: evaluating it walks no keys and slices no names,
 * and builds its result fresh on every call. The states of a Program compile each of their
 * templates once (io/jsonpath-io.ts); `.$` fields are parsed here, once.
 */
export function compileTemplate(template: Json): CompiledTemplate {
  return compileNode(template);
}

export type CompiledTemplate = (sources: EvalSources, env: EvalEnv) => Json;

type Node = CompiledTemplate;

function compileNode(v: Json): Node {
  if (Array.isArray(v)) {
    const items = v.map(compileNode);
    return (sources, env) => {
      const out = new Array<Json>(items.length);
      for (let i = 0; i < items.length; i++) out[i] = (items[i] as Node)(sources, env);
      return out;
    };
  }
  if (!isObject(v)) return () => v;
  const keys: string[] = [];
  const nodes: Node[] = [];
  for (const [key, value] of Object.entries(v)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      keys.push(key.slice(0, -2));
      nodes.push(dynamicNode(value, key));
    } else {
      keys.push(key);
      nodes.push(compileNode(value));
    }
  }
  return (sources, env) => {
    const out: JsonObject = {};
    for (let i = 0; i < keys.length; i++) out[keys[i] as string] = (nodes[i] as Node)(sources, env);
    return out;
  };
}

/** One `.$` field, parsed once; a field that does not parse fails (with AWS's cause) on every evaluation, as before. */
function dynamicNode(expr: string, key: string): Node {
  const text = expr.trim();
  if (!isIntrinsicCall(text)) return (sources) => pathValue(text, key, sources);
  let call: IntrinsicCall;
  try {
    call = parseIntrinsicCached(text, key);
  } catch {
    return (sources, env) => evaluateDynamicValue(expr, key, sources, env);
  }
  return (sources, env) => evaluateIntrinsic(call, sources, env, key);
}

/**
 * The value of one `.$` field: a path or an intrinsic call. `key` is the field's key with its
 * `.$` (it names the field in causes). Also used for single-value fields that take either.
 */
export function evaluateDynamicValue(expr: string, key: string, sources: EvalSources, env: EvalEnv): Json {
  const text = expr.trim();
  if (isIntrinsicCall(text)) return evaluateIntrinsic(parseIntrinsicCached(text, key), sources, env, key);
  return pathValue(text, key, sources);
}

function pathValue(text: string, key: string, sources: EvalSources): Json {
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

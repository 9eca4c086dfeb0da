/**
 * JSONata for JSONata-mode states: `{% expr %}` strings, `$states` (input, context, result,
 * errorOutput), Assign variables as `$name`, AWS's extra functions, and the injected clock.
 * Expressions are compiled once per text and cached; the variables an expression names are
 * read from its AST, so only those are looked up.
 */
import jsonata from 'jsonata';
import type { Json, JsonObject } from '../json.js';
import { isObject } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { jsonataErrorCause, jsonataUndefinedCause } from '../errors/causes.js';
import type { EvalEnv } from '../payload/sources.js';
import { AWS_FUNCTION_NAMES, AWS_REMOVED_FUNCTIONS, awsFunctions } from './functions.js';

export interface JsonataStates {
  readonly input: Json;
  readonly context: Json;
  readonly result?: Json;
  readonly errorOutput?: Json;
}

const OPEN = '{%';
const CLOSE = '%}';

/**
 * A string of the form `{% ... %}`. The delimiters must be the very first and last characters:
 * AWS keeps `" {% states.input %} "` as a plain string.
 */
export function isJsonataTemplate(v: unknown): v is string {
  return typeof v === 'string' && v.length >= OPEN.length + CLOSE.length && v.startsWith(OPEN) && v.endsWith(CLOSE);
}

/** The expression inside `{% ... %}`, trimmed. */
export function jsonataBody(template: string): string {
  return template.slice(OPEN.length, template.length - CLOSE.length).trim();
}

interface Compiled {
  readonly expression: jsonata.Expression;
  readonly variables: readonly string[];
}

const cache = new Map<string, Compiled>();

function compile(expr: string): Compiled {
  let hit = cache.get(expr);
  if (hit === undefined) {
    const expression = jsonata(expr);
    hit = { expression, variables: [...variableNames(expression.ast())] };
    if (cache.size > 2000) cache.clear();
    cache.set(expr, hit);
  }
  return hit;
}

function variableNames(ast: unknown): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const x of node) visit(x);
      return;
    }
    const n = node as { type?: unknown; value?: unknown };
    if (n.type === 'variable' && typeof n.value === 'string' && n.value !== '') names.add(n.value);
    for (const v of Object.values(node)) visit(v);
  };
  visit(ast);
  return names;
}

/** The JSONata error text AWS shows: `T1006: Attempted to invoke a non-function`. */
function errorText(e: unknown): string {
  if (e !== null && typeof e === 'object') {
    const { code, message } = e as { code?: unknown; message?: unknown };
    const msg = typeof message === 'string' ? message : String(e);
    return typeof code === 'string' ? `${code}: ${msg}` : msg;
  }
  return String(e);
}

/** Error message, or undefined when the expression (the text inside `{% %}`) parses. */
export function checkJsonataSyntax(expr: string): string | undefined {
  try {
    compile(expr);
    return undefined;
  } catch (e) {
    return errorText(e);
  }
}

/** Converts JSONata's result to plain JSON: sequences become arrays, undefined members vanish. */
function toJson(v: unknown): Json | undefined {
  if (v === undefined || typeof v === 'function') return undefined;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) {
    const out: Json[] = [];
    for (const x of v) {
      const j = toJson(x);
      if (j !== undefined) out.push(j);
    }
    return out;
  }
  if (typeof v === 'object') {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) {
      const j = toJson(x);
      if (j !== undefined) out[k] = j;
    }
    return out;
  }
  return undefined;
}

/**
 * Evaluates one expression (the text inside `{% %}`). Returns undefined when JSONata does.
 * Throws StatesError('States.QueryEvaluationError') when it fails to parse or throws.
 */
export async function evaluateJsonata(
  expr: string,
  states: JsonataStates,
  variables: (name: string) => Json | undefined,
  env: EvalEnv,
  field: string,
): Promise<Json | undefined> {
  let compiled: Compiled;
  try {
    compiled = compile(expr);
  } catch (e) {
    throw new StatesError('States.QueryEvaluationError', jsonataErrorCause(expr, field, errorText(e)));
  }
  const bindings: Record<string, unknown> = {};
  const builtins = awsFunctions(env);
  for (const name of compiled.variables) {
    if (name === 'states') {
      bindings.states = statesObject(states);
    } else if (AWS_FUNCTION_NAMES.has(name)) {
      bindings[name] = builtins[name];
    } else if (AWS_REMOVED_FUNCTIONS.has(name)) {
      bindings[name] = undefined;
    } else {
      const v = variables(name);
      if (v !== undefined) bindings[name] = v;
    }
  }
  try {
    // AWS gives expressions no top-level context: `$` and bare field names there are
    // undefined; data is reached through $states.
    return toJson(await compiled.expression.evaluate(undefined, bindings));
  } catch (e) {
    throw new StatesError('States.QueryEvaluationError', jsonataErrorCause(expr, field, errorText(e)));
  }
}

function statesObject(states: JsonataStates): JsonObject {
  const out: JsonObject = { input: states.input, context: states.context };
  if (states.result !== undefined) out.result = states.result;
  if (states.errorOutput !== undefined) out.errorOutput = states.errorOutput;
  return out;
}

/**
 * Walks a JSON template: every `{% expr %}` string is evaluated, objects and arrays recurse,
 * other values are copied. An expression that returns nothing fails the field with
 * States.QueryEvaluationError naming its place (`Output/result`, `Arguments/FunctionName`).
 */
export async function evaluateJsonataTemplate(
  template: Json,
  states: JsonataStates,
  variables: (name: string) => Json | undefined,
  env: EvalEnv,
  field: string,
): Promise<Json> {
  if (isJsonataTemplate(template)) {
    const expr = jsonataBody(template);
    const v = await evaluateJsonata(expr, states, variables, env, field);
    if (v === undefined) throw new StatesError('States.QueryEvaluationError', jsonataUndefinedCause(expr, field));
    return v;
  }
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (let i = 0; i < template.length; i++) {
      out.push(await evaluateJsonataTemplate(template[i] as Json, states, variables, env, `${field}/${i}`));
    }
    return out;
  }
  if (isObject(template)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(template)) {
      out[k] = await evaluateJsonataTemplate(v, states, variables, env, `${field}/${k}`);
    }
    return out;
  }
  return template;
}

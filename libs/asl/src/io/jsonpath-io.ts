/**
 * The JSONPath data-flow pipeline of a state: InputPath → Parameters → ResultSelector →
 * ResultPath → OutputPath, one function per field so each evaluator composes only what its
 * state type has. The error texts are AWS's.
 */
import type { Json, JsonObject } from '../json.js';
import { isObject } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { queryPath } from '../paths/jsonpath.js';
import { applyResultPath } from '../paths/result-path.js';
import { compileTemplate, type CompiledTemplate } from '../payload/template.js';
import type { EvalSources } from '../payload/sources.js';
import type { StateRun } from '../states/evaluator.js';
import { placedBound } from './payload-bounds.js';

/** `$.a.b[0]` → `$['a']['b'][0]`, the form AWS prints in "No results for path" messages. */
export function bracketPath(path: string): string {
  const m = /^\$(.*)$/.exec(path);
  if (!m) return path;
  const rest = m[1] ?? '';
  return '$' + rest.replace(/\.([^.[\]]+)/g, "['$1']");
}

/** The sources a JSONPath field of the running state sees, with `input` as `$`. */
export function sourcesFor(run: StateRun, input: Json, contextExtra?: Json): EvalSources {
  return new StateSources(run, input, contextExtra);
}

/** `$$` is rarely used: the context object is built only when a path reads it. */
class StateSources implements EvalSources {
  private ctxValue: Json | undefined;

  constructor(
    private readonly run: StateRun,
    readonly input: Json,
    contextExtra: Json | undefined,
  ) {
    this.ctxValue = contextExtra;
  }

  /** A method, not a closure per instance: one of these is made per field evaluated. (Called as `sources.variables(name)`.) */
  variables(name: string): Json | undefined {
    return this.run.variable(name);
  }

  get context(): Json {
    this.ctxValue ??= this.run.contextObject();
    return this.ctxValue;
  }
}

/** A path that must match (InputPath, OutputPath, ItemsPath): absent → the value itself, null → {}. */
export function selectPath(run: StateRun, path: string | null | undefined, value: Json): Json {
  if (path === undefined) return value;
  if (path === null) return {};
  if (path === '$') return value;
  const found = queryPath(path, sourcesFor(run, value));
  if (found === undefined) throw new StatesError('States.Runtime', `Invalid path '${path}' : No results for path: ${bracketPath(path)}`);
  return found;
}

/** Parameters / ItemSelector / ResultSelector: a template evaluated against `input`. */
export function evaluateTemplate(run: StateRun, template: Json, input: Json, field: string, context?: Json): Json {
  void field;
  if (template === null || typeof template !== 'object') return template;
  let compiled = templates.get(template);
  if (compiled === undefined) {
    compiled = compileTemplate(template);
    templates.set(template, compiled);
  }
  return compiled(sourcesFor(run, input, context), run.env);
}

/**
 * The compiled form of each template object of a Program's definition, built on first use. Safe
 * to key by identity: compile() gives every Program its own copy of the definition, which
 * nothing mutates afterwards.
 */
const templates = new WeakMap<object, CompiledTemplate>();

const SIMPLE_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** `$.a.b` → ['a', 'b'] (other forms → undefined), by path text: a definition's few ResultPaths, asked on every state. */
const simplePaths = new Map<string, readonly string[] | undefined>();

function simpleNames(path: string): readonly string[] | undefined {
  if (simplePaths.has(path)) return simplePaths.get(path);
  const names = SIMPLE_PATH.test(path) ? Object.freeze(path.slice(2).split('.')) : undefined;
  if (simplePaths.size > 5000) simplePaths.clear();
  simplePaths.set(path, names);
  return names;
}

/** The bound of placeResult(rawInput, result, resultPath) from the bounds of both (io/payload-bounds.ts). */
export function placedResultBound(rawInput: Json, rawBound: number | undefined, resultBound: number | undefined, resultPath: string | null | undefined): number | undefined {
  const names = typeof resultPath === 'string' && isObject(rawInput) ? simpleNames(resultPath) : undefined;
  return placedBound(rawBound, resultBound, resultPath, names);
}

/**
 * ResultPath: where the result lands in the raw state input. The common `$.a.b` form into an
 * object copies only the objects on the way (values are never mutated, so the rest is shared);
 * every other form, and every error, goes through applyResultPath.
 */
export function placeResult(rawInput: Json, result: Json, resultPath: string | null | undefined): Json {
  const names = typeof resultPath === 'string' && isObject(rawInput) ? simpleNames(resultPath) : undefined;
  if (names !== undefined && isObject(rawInput)) {
    const out: JsonObject = { ...rawInput };
    let cur = out;
    for (let i = 0; i < names.length - 1; i++) {
      const name = names[i] as string;
      const next = Object.prototype.hasOwnProperty.call(cur, name) ? cur[name] : undefined;
      if (next === undefined || next === null) {
        const created: JsonObject = {};
        cur[name] = created;
        cur = created;
      } else if (isObject(next)) {
        const copy: JsonObject = { ...next };
        cur[name] = copy;
        cur = copy;
      } else {
        return applyResultPath(rawInput, result, resultPath);
      }
    }
    cur[names[names.length - 1] as string] = result;
    return out;
  }
  return applyResultPath(rawInput, result, resultPath);
}

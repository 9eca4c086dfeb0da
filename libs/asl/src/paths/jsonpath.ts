/**
 * JSONPath for JSONPath-mode states: `$` (input), `$$` (context object) and `$name`
 * (variables). Definite paths (names and indexes only) are walked directly over own
 * properties, so `$.a.length` never leaks a JavaScript property; indefinite paths
 * (wildcards, filters, slices, unions, deep scan) are evaluated by jsonpath-plus.
 */
import { JSONPath } from 'jsonpath-plus';
import type { Json } from '../json.js';
import { isObject } from '../json.js';
import type { EvalSources } from '../payload/sources.js';
import type { ParsedPath, Segment } from './syntax.js';
import { parsePath, PathSyntaxError } from './syntax.js';

/** Syntax only, for the validator. */
export function isValidJsonPath(path: string): boolean {
  try {
    parsePath(path);
    return true;
  } catch (e) {
    if (e instanceof PathSyntaxError) return false;
    throw e;
  }
}

/** AWS "Reference Path": names and indexes only (no wildcards, filters, slices, unions, functions). */
export function isValidReferencePath(path: string): boolean {
  try {
    return parsePath(path).segments.every((s) => s.kind === 'name' || s.kind === 'index');
  } catch (e) {
    if (e instanceof PathSyntaxError) return false;
    throw e;
  }
}

/**
 * `$`/`$.a.b`/`$$.Execution.Id`/`$var.x` against the sources; undefined when nothing matches.
 * Definite paths return the single value; indefinite paths return an array of all matches.
 * A syntactically invalid path throws PathSyntaxError (the validator rejects those earlier).
 */
export function queryPath(path: string, sources: EvalSources): Json | undefined {
  const parsed = parsePath(path);
  let root: Json | undefined;
  switch (parsed.root.kind) {
    case 'input':
      root = sources.input;
      break;
    case 'context':
      root = sources.context;
      break;
    case 'variable':
      root = sources.variables(parsed.root.name);
      break;
  }
  if (root === undefined) return undefined;
  return parsed.definite ? walkDefinite(root, parsed.segments) : queryIndefinite(root, parsed);
}

/** Parsed form, for callers that must know whether a path is definite. */
export function isDefinitePath(path: string): boolean {
  return parsePath(path).definite;
}

function walkDefinite(root: Json, segments: readonly Segment[]): Json | undefined {
  let cur: Json = root;
  for (const s of segments) {
    if (s.kind === 'name') {
      if (!isObject(cur) || !Object.prototype.hasOwnProperty.call(cur, s.name)) return undefined;
      cur = cur[s.name] as Json;
    } else if (s.kind === 'index') {
      if (!Array.isArray(cur)) return undefined;
      const i = s.index < 0 ? cur.length + s.index : s.index;
      if (i < 0 || i >= cur.length) return undefined;
      cur = cur[i] as Json;
    } else if (s.kind === 'function') {
      return applyFunction(s.name, cur);
    } else {
      return undefined;
    }
  }
  return cur;
}

/** Jayway's path functions that AWS exposes through its JSONPath engine. */
function applyFunction(name: string, v: Json): Json | undefined {
  const nums = Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
  switch (name) {
    case 'length':
      if (Array.isArray(v)) return v.length;
      if (typeof v === 'string') return v.length;
      if (isObject(v)) return Object.keys(v).length;
      return undefined;
    case 'min':
      return nums.length ? Math.min(...nums) : undefined;
    case 'max':
      return nums.length ? Math.max(...nums) : undefined;
    case 'sum':
      return nums.reduce((a, b) => a + b, 0);
    case 'avg':
      return nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : undefined;
    case 'keys':
      return isObject(v) ? Object.keys(v) : undefined;
    default:
      return undefined;
  }
}

function queryIndefinite(root: Json, parsed: ParsedPath): Json {
  if (root === null || typeof root !== 'object') return [];
  const fn = parsed.segments.at(-1);
  const segments = fn?.kind === 'function' ? parsed.segments.slice(0, -1) : parsed.segments;
  const found: unknown = JSONPath({ path: toJsonPathPlus(segments), json: root, wrap: true, eval: 'safe' });
  const matches = Array.isArray(found) ? (found as Json[]) : [];
  if (fn?.kind === 'function') return applyFunction(fn.name, matches) ?? [];
  return matches;
}

/**
 * The segments in jsonpath-plus's own syntax. Names are written as backtick-escaped literals
 * (`['`a.b']`) so characters jsonpath-plus gives meaning to (`~`, `@`, `*`, `,`, `:`) stay plain;
 * a negative index becomes a one-element slice, which jsonpath-plus understands.
 */
function toJsonPathPlus(segments: readonly Segment[]): string {
  let out = '$';
  for (const s of segments) {
    switch (s.kind) {
      case 'name':
        out += `['\`${s.name}']`;
        break;
      case 'index':
        out += s.index < 0 ? `[${s.index}:${s.index + 1 === 0 ? '' : s.index + 1}]` : `[${s.index}]`;
        break;
      case 'wildcard':
        out += '[*]';
        break;
      case 'descend':
        out += s.name === '*' ? '..*' : `..['\`${s.name}']`;
        break;
      case 'union':
        out += `[${s.parts.map((p) => (typeof p === 'number' ? String(p) : `\`${p}`)).join(',')}]`;
        break;
      case 'slice':
      case 'filter':
      case 'script':
        out += `[${s.text}]`;
        break;
      case 'function':
        break;
    }
  }
  return out;
}

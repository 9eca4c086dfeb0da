/**
 * Upper bounds of the serialised size of values a JSONPath state builds, derived from the bound
 * of its input instead of walking the result (runs with payloads as values check every state
 * output and task input against the payload limit; a walk of each was a seventh of a test case).
 * A derived bound is only ever compared with the limit: when it passes the limit the value is
 * measured for real (json.ts fitsInBytes), so a coarse bound costs a walk, never a wrong verdict.
 *
 * Every bound here is at least the UTF-8 length of the value's JSON text: a key costs at most
 * 6 bytes per UTF-16 unit (a `\uXXXX` escape) plus its quotes, colon and comma, as in json.ts.
 */
import type { Json } from '../json.js';
import { isObject } from '../json.js';
import { isIntrinsicCall } from '../intrinsics/parse.js';

/** What a template adds to its input: `constant` bytes, plus `refs` subtrees of its input. */
interface TemplateShape {
  readonly constant: number;
  readonly refs: number;
}

/** A definite path into `$` (`$`, `$.a.b`, `$.a[0]`): it selects one subtree of the input. */
const SUBTREE_PATH = /^\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/;

const shapes = new WeakMap<object, TemplateShape | null>();

/** The bound of a template's output, given its input's; undefined when the template reads anything else (`$$`, variables, intrinsics). */
export function templateBound(template: Json, inputBound: number | undefined): number | undefined {
  if (inputBound === undefined) return undefined;
  if (template === null || typeof template !== 'object') return constantBound(template);
  let shape = shapes.get(template);
  if (shape === undefined) {
    shape = shapeOf(template) ?? null;
    shapes.set(template, shape);
  }
  return shape === null ? undefined : shape.constant + shape.refs * inputBound;
}

function shapeOf(v: Json): TemplateShape | undefined {
  if (Array.isArray(v)) {
    let constant = 2;
    let refs = 0;
    for (const item of v) {
      const s = shapeOf(item);
      if (s === undefined) return undefined;
      constant += s.constant + 1;
      refs += s.refs;
    }
    return { constant, refs };
  }
  if (!isObject(v)) return { constant: constantBound(v), refs: 0 };
  let constant = 2;
  let refs = 0;
  for (const [key, value] of Object.entries(v)) {
    if (key.endsWith('.$') && typeof value === 'string') {
      const text = value.trim();
      if (isIntrinsicCall(text) || !SUBTREE_PATH.test(text)) return undefined;
      constant += (key.length - 2) * 6 + 4;
      refs += 1;
    } else {
      const s = shapeOf(value);
      if (s === undefined) return undefined;
      constant += key.length * 6 + 4 + s.constant;
      refs += s.refs;
    }
  }
  return { constant, refs };
}

const constants = new WeakMap<object, number>();

/** The bound of a constant of the definition (a Pass state's Result), worked out once per object. */
export function valueBound(v: Json): number {
  if (v === null || typeof v !== 'object') return constantBound(v);
  let n = constants.get(v);
  if (n === undefined) {
    n = constantBound(v);
    constants.set(v, n);
  }
  return n;
}

/** A constant's bound (json.ts sizeBound without a limit). */
function constantBound(v: Json): number {
  if (v === null) return 4;
  if (typeof v === 'string') return v.length * 6 + 2;
  if (typeof v === 'number') return 25;
  if (typeof v === 'boolean') return 5;
  let n = 2;
  if (Array.isArray(v)) for (const x of v) n += constantBound(x) + 1;
  else for (const k in v) n += k.length * 6 + 4 + constantBound(v[k] as Json);
  return n;
}

/**
 * ResultPath: the raw input with `result` placed at `path`. `$.a.b` replaces or adds one member
 * (creating the objects on the way): at most the input, the result, and each name with its
 * braces. `$` is the result alone, null the input alone; other forms are not bounded here.
 */
export function placedBound(rawBound: number | undefined, resultBound: number | undefined, path: string | null | undefined, names: readonly string[] | undefined): number | undefined {
  if (path === null) return rawBound;
  if (path === undefined || path === '$') return resultBound;
  if (rawBound === undefined || resultBound === undefined || names === undefined) return undefined;
  let n = rawBound + resultBound;
  for (const name of names) n += name.length * 6 + 6;
  return n;
}

/** InputPath / OutputPath: absent or `$` the value itself, null `{}`, a definite path one of its subtrees. */
export function selectedBound(path: string | null | undefined, sourceBound: number | undefined): number | undefined {
  if (path === null) return 2;
  if (path === undefined || path === '$' || SUBTREE_PATH.test(path)) return sourceBound;
  return undefined;
}

/**
 * What a JSONata expression reads from the context item. Step Functions evaluates JSONata with
 * no context item (the input is `$states.input`, variables are `$name`), so a path whose first
 * step is a bare name, or `$$`, can never find anything; AWS refuses such definitions with
 * UNSUPPORTED_JSONATA_EXPRESSION "Reference to 'phone' at the top level is not supported." (as
 * recorded against ValidateStateMachineDefinition). Names read inside a filter, a sort, a
 * group-by or a later path step are relative to an item and are fine.
 */
import jsonata from 'jsonata';

interface AstNode {
  readonly type?: string;
  readonly value?: unknown;
  readonly [key: string]: unknown;
}

/** Children evaluated against an item of a sequence rather than the expression's own context. */
const ITEM_CONTEXT_KEYS = new Set(['stages', 'predicate', 'group', 'terms']);

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface JsonataReads {
  /** The distinct names read at the top level (`$$` included, spelled so), in order of appearance. */
  readonly topLevel: readonly string[];
  /** Whether it reads `$states.errorOutput`, which exists only in a Catcher's Output and Assign. */
  readonly errorOutput: boolean;
}

const NOTHING: JsonataReads = { topLevel: [], errorOutput: false };

/** What `expression` (already known to parse) reads that AWS checks at definition time. */
export function jsonataReads(expression: string): JsonataReads {
  let ast: unknown;
  try {
    ast = jsonata(expression).ast();
  } catch {
    return NOTHING;
  }
  const topLevel: string[] = [];
  const add = (name: string): void => {
    if (!topLevel.includes(name)) topLevel.push(name);
  };
  walk(ast, true, add);
  return { topLevel, errorOutput: readsErrorOutput(ast) };
}

/** True when some path starts `$states.errorOutput`. */
function readsErrorOutput(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(readsErrorOutput);
  if (!isNode(v)) return false;
  if (v.type === 'path' && Array.isArray(v['steps'])) {
    const [first, second] = v['steps'] as unknown[];
    if (isNode(first) && first.type === 'variable' && first.value === 'states' && isNode(second) && second.value === 'errorOutput') {
      return true;
    }
  }
  return Object.values(v).some((child) => typeof child === 'object' && child !== null && readsErrorOutput(child));
}

/** `root`: whether `v` is evaluated against the expression's own (absent) context item. */
function walk(v: unknown, root: boolean, add: (name: string) => void): void {
  if (Array.isArray(v)) {
    for (const item of v) walk(item, root, add);
    return;
  }
  if (!isNode(v)) return;
  // A lambda's body and a transform's pattern run against whatever they are applied to: only
  // names that certainly read the absent context item are reported, never a guess.
  if (v.type === 'lambda' || v.type === 'transform') root = false;
  if (root && v.type === 'name' && typeof v.value === 'string') add(v.value);
  if (v.type === 'variable' && v.value === '$') add('$$');
  for (const [key, child] of Object.entries(v)) {
    if (typeof child !== 'object' || child === null) continue;
    if (v.type === 'path' && key === 'steps' && Array.isArray(child)) {
      child.forEach((step, i) => walk(step, root && i === 0, add));
    } else if (ITEM_CONTEXT_KEYS.has(key) || (v.type === 'filter' && key === 'expr')) {
      walk(child, false, add);
    } else {
      walk(child, root, add);
    }
  }
}

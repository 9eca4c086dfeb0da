/**
 * A small reader for the JSONPath dialect AWS accepts (Jayway's): `$`, `$$`, `$name`, then
 * `.name`, `..name`, `.*`, `[n]`, `['name']`, `[*]`, `[a:b:c]`, `[a,b]`, `[?(...)]`, `[(...)]`.
 * jsonpath-plus is lenient about malformed paths (`$[` parses), so the syntax check and the
 * split into definite/indefinite segments live here; evaluation of indefinite paths is
 * delegated to jsonpath-plus.
 */

export type PathRoot =
  | { readonly kind: 'input' }
  | { readonly kind: 'context' }
  | { readonly kind: 'variable'; readonly name: string };

export type Segment =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'descend'; readonly name: string | '*' }
  | { readonly kind: 'slice'; readonly text: string }
  | { readonly kind: 'union'; readonly text: string; readonly parts: readonly (string | number)[] }
  | { readonly kind: 'filter'; readonly text: string }
  | { readonly kind: 'script'; readonly text: string }
  | { readonly kind: 'function'; readonly name: string };

export interface ParsedPath {
  readonly root: PathRoot;
  readonly segments: readonly Segment[];
  /** True when the path names at most one value (only names and indexes). */
  readonly definite: boolean;
}

export class PathSyntaxError extends Error {
  override readonly name = 'PathSyntaxError';
}

const NAME_STOP = new Set(['.', '[', ' ', '(', ')', ',', ']', "'", '"']);
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

const cache = new Map<string, ParsedPath | PathSyntaxError>();

/** Parses a path or throws PathSyntaxError; results (and failures) are cached by text. */
export function parsePath(path: string): ParsedPath {
  let hit = cache.get(path);
  if (hit === undefined) {
    try {
      hit = parseUncached(path);
    } catch (e) {
      if (!(e instanceof PathSyntaxError)) throw e;
      hit = e;
    }
    if (cache.size > 5000) cache.clear();
    cache.set(path, hit);
  }
  if (hit instanceof PathSyntaxError) throw hit;
  return hit;
}

function parseUncached(path: string): ParsedPath {
  if (!path.startsWith('$')) throw new PathSyntaxError(`A path must start with '$': ${path}`);
  let i = 1;
  let root: PathRoot = { kind: 'input' };
  if (path.startsWith('$$')) {
    root = { kind: 'context' };
    i = 2;
  } else {
    const m = VAR_NAME.exec(path.slice(1));
    if (m) {
      root = { kind: 'variable', name: m[0] };
      i = 1 + m[0].length;
    }
  }
  const segments: Segment[] = [];
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      if (path[i + 1] === '.') {
        i += 2;
        if (path[i] === '*') {
          segments.push({ kind: 'descend', name: '*' });
          i++;
          continue;
        }
        if (path[i] === '[') {
          // `..['name']` and `..[*]` are deep scans; any other bracket applies to every descendant.
          const close = findBracketEnd(path, i);
          const inner = readBracket(path.slice(i + 1, close).trim(), path);
          if (inner.kind === 'name') segments.push({ kind: 'descend', name: inner.name });
          else if (inner.kind === 'wildcard') segments.push({ kind: 'descend', name: '*' });
          else segments.push({ kind: 'descend', name: '*' }, inner);
          i = close + 1;
          continue;
        }
        const [name, next] = readName(path, i);
        segments.push({ kind: 'descend', name });
        i = next;
        continue;
      }
      i++;
      if (path[i] === '[') continue; // `$.abc.['def ghi']`, as AWS's documentation writes it
      if (path[i] === '*') {
        segments.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      const [name, next] = readName(path, i);
      if (path.startsWith('()', next)) {
        if (next + 2 !== path.length) throw new PathSyntaxError(`A function call must end the path: ${path}`);
        segments.push({ kind: 'function', name });
        i = next + 2;
        continue;
      }
      segments.push({ kind: 'name', name });
      i = next;
      continue;
    }
    if (c === '[') {
      const close = findBracketEnd(path, i);
      const body = path.slice(i + 1, close).trim();
      segments.push(readBracket(body, path));
      i = close + 1;
      continue;
    }
    throw new PathSyntaxError(`Unexpected character '${c ?? ''}' at position ${i} in path: ${path}`);
  }
  const definite = segments.every((s) => s.kind === 'name' || s.kind === 'index' || s.kind === 'function');
  return { root, segments, definite };
}

function readName(path: string, start: number): [string, number] {
  let i = start;
  while (i < path.length && !NAME_STOP.has(path[i] as string)) i++;
  if (i === start) throw new PathSyntaxError(`Expected a property name at position ${start} in path: ${path}`);
  return [path.slice(start, i), i];
}

/** Index of the `]` closing the bracket opened at `open`, skipping quotes and nested brackets. */
function findBracketEnd(path: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < path.length; i++) {
    const c = path[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) {
        if (c !== ']') throw new PathSyntaxError(`Unbalanced parentheses in path: ${path}`);
        return i;
      }
    }
  }
  throw new PathSyntaxError(`Unclosed '[' in path: ${path}`);
}

const INDEX = /^-?\d+$/;
const SLICE = /^(-?\d+)?:(-?\d+)?(:(-?\d+)?)?$/;
const QUOTED = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")$/;

function readBracket(body: string, path: string): Segment {
  if (body === '*') return { kind: 'wildcard' };
  if (INDEX.test(body)) return { kind: 'index', index: Number(body) };
  if (SLICE.test(body)) return { kind: 'slice', text: body };
  const quoted = QUOTED.exec(body);
  if (quoted) return { kind: 'name', name: unescapeQuoted(quoted[1] ?? quoted[2] ?? '', body[0] as string) };
  if (body.startsWith('?(') && body.endsWith(')')) return { kind: 'filter', text: body };
  if (body.startsWith('(') && body.endsWith(')')) return { kind: 'script', text: body };
  const parts = splitUnion(body);
  if (parts.length > 1 && parts.every((p) => INDEX.test(p) || QUOTED.test(p))) {
    const members = parts.map((p) => {
      const q = QUOTED.exec(p);
      return q ? unescapeQuoted(q[1] ?? q[2] ?? '', p[0] as string) : Number(p);
    });
    return { kind: 'union', text: body, parts: members };
  }
  throw new PathSyntaxError(`Invalid bracket expression '[${body}]' in path: ${path}`);
}

function splitUnion(body: string): string[] {
  const out: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(body.slice(start).trim());
  return out;
}

/** Only the quote character itself is escaped (`\'`); any other backslash is literal, as in Jayway. */
function unescapeQuoted(s: string, quote: string): string {
  return s.split(`\\${quote}`).join(quote);
}

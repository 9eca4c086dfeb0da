/**
 * The grammar of intrinsic function calls (`States.Format('x {}', $.a)`), parsed once into a
 * small AST: nested calls, string literals (with the escapes `\'` `\{` `\}` `\\`), numbers,
 * `true`/`false`/`null`, and JSONPath arguments (`$`, `$.a`, `$$.Execution.Id`, `$var.x`).
 */
import type { Json } from '../json.js';

export interface IntrinsicCall {
  readonly name: string;
  readonly args: readonly IntrinsicArg[];
}
export type IntrinsicArg =
  /** `raw` is a string literal's text between the quotes, escapes kept (States.Format needs `\{`). */
  | { readonly kind: 'literal'; readonly value: Json; readonly raw?: string }
  | { readonly kind: 'path'; readonly path: string }
  | { readonly kind: 'call'; readonly call: IntrinsicCall };

export class IntrinsicSyntaxError extends Error {
  override readonly name = 'IntrinsicSyntaxError';
}

/** The characters a backslash may escape inside a string literal. */
const ESCAPABLE = new Set(["'", '{', '}', '\\']);

const CALL_START = /^States\.[A-Za-z0-9]+\s*\(/;

/** True for text that starts with `States.Name(`: a call, though maybe a malformed one. */
export function isIntrinsicCall(text: string): boolean {
  return CALL_START.test(text.trim());
}

/** Parses a whole intrinsic call; throws IntrinsicSyntaxError with a clear message. */
export function parseIntrinsic(text: string): IntrinsicCall {
  const p = new Parser(text);
  p.skipSpace();
  const call = p.call();
  p.skipSpace();
  if (!p.done()) p.fail(`unexpected '${p.peek()}' after the closing ')'`);
  return call;
}

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i >= this.text.length;
  }
  peek(): string {
    return this.text[this.i] ?? '';
  }
  skipSpace(): void {
    while (/\s/.test(this.peek()) && !this.done()) this.i++;
  }
  fail(msg: string): never {
    throw new IntrinsicSyntaxError(`Invalid intrinsic function call '${this.text}' at position ${this.i}: ${msg}`);
  }

  call(): IntrinsicCall {
    const m = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.i));
    if (!m) this.fail("expected a function name such as 'States.Format'");
    const name = m[0];
    this.i += name.length;
    this.skipSpace();
    if (this.peek() !== '(') this.fail(`expected '(' after ${name}`);
    this.i++;
    const args: IntrinsicArg[] = [];
    this.skipSpace();
    if (this.peek() === ')') {
      this.i++;
      return { name, args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.arg());
      this.skipSpace();
      const c = this.peek();
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ')') {
        this.i++;
        return { name, args };
      }
      if (this.done()) this.fail(`missing ')' to close ${name}`);
      this.fail(`expected ',' or ')' but found '${c}'`);
    }
  }

  arg(): IntrinsicArg {
    const c = this.peek();
    if (c === "'") {
      const start = this.i + 1;
      const value = this.string();
      return { kind: 'literal', value, raw: this.text.slice(start, this.i - 1) };
    }
    if (c === '$') return { kind: 'path', path: this.path() };
    if (this.text.startsWith('States.', this.i)) return { kind: 'call', call: this.call() };
    const word = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.i));
    if (word) {
      const end = this.i + word[0].length;
      const after = this.text[end];
      if (after === undefined || /[\s,)]/.test(after)) {
        this.i = end;
        return { kind: 'literal', value: JSON.parse(normaliseNumber(word[0])) as Json };
      }
    }
    if (this.done()) this.fail('expected an argument');
    this.fail(`unexpected '${c}': an argument is a 'string', a number, true, false, null, a path or a States.* call`);
  }

  string(): string {
    const start = this.i;
    this.i++;
    let out = '';
    while (!this.done()) {
      const c = this.peek();
      if (c === '\\') {
        const n = this.text[this.i + 1];
        if (n === undefined) break;
        if (!ESCAPABLE.has(n)) this.fail(`'\\${n}' is not an escape: only \\' \\{ \\} and \\\\ are`);
        out += n;
        this.i += 2;
        continue;
      }
      if (c === "'") {
        this.i++;
        return out;
      }
      out += c;
      this.i++;
    }
    this.i = start;
    return this.fail('unterminated string literal');
  }

  /** A path runs to the next `,` or `)` outside brackets, parentheses and quotes. */
  path(): string {
    const start = this.i;
    let depth = 0;
    let quote: string | undefined;
    while (!this.done()) {
      const c = this.peek();
      if (quote) {
        if (c === '\\') this.i++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      this.i++;
    }
    return this.text.slice(start, this.i).trim();
  }
}

function normaliseNumber(s: string): string {
  let t = s.startsWith('-.') ? '-0' + s.slice(1) : s.startsWith('.') ? '0' + s : s;
  if (t.endsWith('.')) t += '0';
  return t.replace(/\.(?=[eE])/, '.0');
}

/** How many calls deep `call` nests (a call without nested calls is 1); AWS allows up to 10. */
export function intrinsicNestingDepth(call: IntrinsicCall): number {
  let inner = 0;
  for (const a of call.args) if (a.kind === 'call') inner = Math.max(inner, intrinsicNestingDepth(a.call));
  return inner + 1;
}

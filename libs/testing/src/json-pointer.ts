/**
 * JSON pointers (RFC 6901) name the place of every problem we report in a user's file, and a
 * pointer is turned into a line and column of the file's text so an editor can jump there.
 */
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Node } from 'yaml';

/** Appends one reference token to a pointer, escaping `~` and `/`. */
export function pointerAppend(pointer: string, token: string | number): string {
  return `${pointer}/${String(token).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** The reference tokens of a pointer, unescaped. */
export function pointerTokens(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Where the value a pointer names starts in a JSON or YAML text (1-based), or undefined when the
 * pointer does not resolve. JSON is YAML, so one parser serves both formats.
 */
export function locatePointer(text: string, pointer: string): TextPosition | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  let node: unknown = doc.contents;
  for (const token of pointerTokens(pointer)) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === token);
      if (!pair) return undefined;
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(token)];
    } else {
      return undefined;
    }
  }
  const range = (node as Node | null | undefined)?.range;
  if (!range) return undefined;
  const pos = lineCounter.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

/**
 * Parses JSON text while recording where each value sits, so a diagnostic's JSON pointer
 * (`/States/Check/Next`) can be shown on the line that holds it, and a syntax error can be shown
 * where it is. A small recursive-descent parser; values come out as JSON.parse would make them.
 */
import { pointerToken, type JsonValue } from '../util/json.js';

export interface JsonLocations {
  /** Offset of the member key (or the array element) for each pointer. */
  readonly offsets: ReadonlyMap<string, number>;
}

export type ParseOutcome =
  | { readonly ok: true; readonly value: JsonValue; readonly locations: JsonLocations }
  | { readonly ok: false; readonly message: string; readonly offset: number };

class Fail extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export function parseWithLocations(text: string): ParseOutcome {
  const offsets = new Map<string, number>();
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const describe = (): string => (i >= text.length ? 'end of input' : `'${text[i]}'`);
  const expect = (ch: string): void => {
    ws();
    if (text[i] !== ch) throw new Fail(`Expected '${ch}' but found ${describe()}`, i);
    i++;
  };
  const parseString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) throw new Fail('Unescaped control character in string', i);
      i++;
    }
    if (i >= text.length) throw new Fail('Unterminated string', start);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      throw new Fail('Invalid escape in string', start);
    }
  };
  const value = (pointer: string, at: number): JsonValue => {
    ws();
    if (!offsets.has(pointer)) offsets.set(pointer, at < 0 ? i : at);
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, JsonValue> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') throw new Fail(`Expected a property name but found ${describe()}`, i);
        const keyAt = i;
        const key = parseString();
        expect(':');
        obj[key] = value(`${pointer}/${pointerToken(key)}`, keyAt);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        throw new Fail(`Expected ',' or '}' but found ${describe()}`, i);
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(`${pointer}/${arr.length}`, -1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        throw new Fail(`Expected ',' or ']' but found ${describe()}`, i);
      }
    }
    if (c === '"') return parseString();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) throw new Fail(`Unexpected ${describe()}`, i);
    i += m[0].length;
    return JSON.parse(m[0]) as JsonValue;
  };
  try {
    const v = value('', -1);
    ws();
    if (i < text.length) throw new Fail(`Unexpected ${describe()} after the JSON value`, i);
    return { ok: true, value: v, locations: { offsets } };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, message: e.message, offset: e.offset };
    throw e;
  }
}

/** The offset for a pointer, or for its closest located ancestor. */
export function locatePointer(locations: JsonLocations, pointer: string): number {
  let p = pointer;
  for (;;) {
    const at = locations.offsets.get(p);
    if (at !== undefined) return at;
    if (p === '') return 0;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      last = k;
    }
  }
  return { line, column: offset - last };
}

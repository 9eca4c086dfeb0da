/**
 * Duplicate state names in JSON text. JSON.parse keeps the last of two equal keys, so a
 * definition that names two states alike would silently lose one; AWS refuses it with
 * DUPLICATE_STATE_NAME ("Duplicate State name: X at /States/X"). This scans the text (already
 * known to be valid JSON) once and reports every key repeated inside a `States` object.
 */
import { pointer } from '../diagnostics.js';
import type { ValidationContext } from './context.js';
import { msg } from './messages.js';

interface Frame {
  readonly kind: 'object' | 'array';
  /** JSON pointer of this container. */
  readonly location: string;
  /** True for the value of a `States` field: its keys are state names. */
  readonly states: boolean;
  readonly keys: Set<string>;
  /** The key (object) or index (array) of the value being read. */
  current: string | number;
}

/** Reports DUPLICATE_STATE_NAME for repeated keys of any `States` object in `text` (valid JSON). */
export function checkDuplicateStates(ctx: ValidationContext, text: string): void {
  if (!text.includes('"States"')) return;
  const stack: Frame[] = [];
  let expectKey = false;
  const childLocation = (): string => {
    const top = stack[stack.length - 1];
    return top === undefined ? '/' : pointer(top.location, top.current);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        const top = stack[stack.length - 1] as Frame;
        if (top.states && top.keys.has(key)) ctx.error('DUPLICATE_STATE_NAME', msg.duplicateState(key), pointer(top.location, key));
        top.keys.add(key);
        top.current = key;
        expectKey = false;
      }
      i = end;
    } else if (c === '{' || c === '[') {
      const parent = stack[stack.length - 1];
      const states = c === '{' && parent?.kind === 'object' && parent.current === 'States';
      stack.push({ kind: c === '{' ? 'object' : 'array', location: childLocation(), states, keys: new Set(), current: c === '[' ? 0 : '' });
      expectKey = c === '{';
    } else if (c === '}' || c === ']') {
      stack.pop();
      expectKey = false;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'object') expectKey = true;
      else if (top !== undefined && typeof top.current === 'number') top.current++;
    }
  }
}

/** Index of the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"') return i;
  }
  return text.length - 1;
}

/**
 * States.StringSplit: a string cut at any of the delimiter characters, empty pieces dropped
 * (Java's StringTokenizer: `", , ,"` split on `","` gives `[" ", " "]`).
 */
import type { Json } from '../../json.js';
import type { IntrinsicSpec } from '../spec.js';
import { stringArg } from '../spec.js';

export const stringSplit: IntrinsicSpec = {
  name: 'States.StringSplit',
  minArgs: 2,
  maxArgs: 2,
  apply(args: readonly Json[]): Json {
    const text = stringArg('States.StringSplit', args, 0);
    const delimiters = new Set(stringArg('States.StringSplit', args, 1));
    const out: string[] = [];
    let cur = '';
    for (const ch of text) {
      if (delimiters.has(ch)) {
        if (cur !== '') out.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur !== '') out.push(cur);
    return out;
  },
};

/** States.Format: a template with `{}` placeholders, filled with Java's text of each argument. */
import type { Json } from '../../json.js';
import { javaDisplayText } from '../java-text.js';
import type { IntrinsicSpec } from '../spec.js';
import { IntrinsicArgumentError, stringArg } from '../spec.js';

type Piece = { kind: 'text'; text: string } | { kind: 'hole' };

/** Splits a template into text and holes; from a literal, `\{` `\}` `\\` `\'` are plain characters. */
function pieces(template: string, escaped: boolean): Piece[] {
  const out: Piece[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i] as string;
    if (escaped && c === '\\' && i + 1 < template.length) {
      text += template[i + 1];
      i++;
    } else if (c === '{' && template[i + 1] === '}') {
      out.push({ kind: 'text', text }, { kind: 'hole' });
      text = '';
      i++;
    } else {
      text += c;
    }
  }
  out.push({ kind: 'text', text });
  return out;
}

export const format: IntrinsicSpec = {
  name: 'States.Format',
  minArgs: 1,
  maxArgs: Infinity,
  apply(args: readonly Json[], _env, raw): Json {
    const template = stringArg('States.Format', args, 0);
    const rawTemplate = raw[0];
    const parts = pieces(rawTemplate ?? template, rawTemplate !== undefined);
    const holes = parts.filter((p) => p.kind === 'hole').length;
    const values = args.slice(1);
    if (holes !== values.length) {
      throw new IntrinsicArgumentError(
        `States.Format: the number of arguments (${values.length}) does not match the number of placeholders '{}' (${holes}).`,
      );
    }
    let k = 0;
    return parts.map((p) => (p.kind === 'text' ? p.text : javaDisplayText(values[k++] as Json))).join('');
  },
};

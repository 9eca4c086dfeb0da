/**
 * AWS's intrinsics run on the JVM: numbers print like Java (`1.0E21`, not `1e+21`), and
 * States.Format renders objects and arrays with Java's Map/List toString (`{a=1, b=[x, y]}`).
 * These helpers reproduce that text so outputs match AWS character for character.
 */
import type { Json } from '../json.js';
import { isObject } from '../json.js';

/** A JSON number as Jackson/Java would print it. */
export function javaNumberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 2 ** 63) return BigInt(n).toString();
  const abs = Math.abs(n);
  if (abs >= 1e-3 && abs < 1e7) {
    const s = String(n);
    return s.includes('.') ? s : `${s}.0`;
  }
  // Java: d.dddE±n with at least one fraction digit, exponent without '+'.
  const [mant = '0', exp = '0'] = n.toExponential().split('e');
  const m = mant.includes('.') ? mant : `${mant}.0`;
  return `${m}E${exp.startsWith('+') ? exp.slice(1) : exp}`;
}

/** Compact JSON text with Java number rendering (States.JsonToString). */
export function javaJsonText(v: Json): string {
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return javaNumberText(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(javaJsonText).join(',')}]`;
  return `{${Object.entries(v)
    .map(([k, x]) => `${JSON.stringify(k)}:${javaJsonText(x)}`)
    .join(',')}}`;
}

/** Java's toString of a parsed JSON value (States.Format's `{}` substitution). */
export function javaDisplayText(v: Json): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return javaNumberText(v);
  if (Array.isArray(v)) return `[${v.map(javaDisplayText).join(', ')}]`;
  if (isObject(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}=${javaDisplayText(x)}`)
      .join(', ')}}`;
  }
  return String(v);
}

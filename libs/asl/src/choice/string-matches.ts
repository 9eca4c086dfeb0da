/**
 * StringMatches: `*` matches any run of characters; `\*` is a literal star and `\\` a literal
 * backslash. Compiled to an anchored regular expression, cached by pattern.
 */
const cache = new Map<string, RegExp>();

export function wildcardRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re === undefined) {
    let src = '';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i] as string;
      if (c === '\\' && (pattern[i + 1] === '*' || pattern[i + 1] === '\\')) {
        src += escape(pattern[i + 1] as string);
        i++;
      } else if (c === '*') {
        src += '[\\s\\S]*';
      } else {
        src += escape(c);
      }
    }
    re = new RegExp(`^${src}$`, 'u');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

function escape(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function stringMatches(value: string, pattern: string): boolean {
  return wildcardRegExp(pattern).test(value);
}

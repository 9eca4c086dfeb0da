// Every metric declared in libs/observability/src/metrics.ts is recorded somewhere: a declared
// metric that no source file references is a dashboard panel that stays empty forever.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const METRICS_FILE = join(root, 'libs/observability/src/metrics.ts');

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

const declared = [...readFileSync(METRICS_FILE, 'utf8').matchAll(/^\s+(\w+): (?:counter|gauge|histogram)\(/gm)].map((m) => m[1] as string);
const files = ['libs', 'services']
  .flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n, 'src')))
  .flatMap(sources)
  .filter((f) => f !== METRICS_FILE);
const texts = files.map((f) => readFileSync(f, 'utf8'));

describe('declared metrics are recorded', () => {
  it('metrics.ts declares metrics (the parse found them)', () => {
    expect(declared.length).toBeGreaterThan(20);
    expect(declared).toContain('executionsStarted');
  });

  it('every declared metric is referenced by a source file other than metrics.ts', () => {
    const unused = declared.filter((name) => !texts.some((t) => new RegExp(`\\.${name}\\b`).test(t)));
    expect(unused).toEqual([]);
  });
});

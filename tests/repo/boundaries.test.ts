// Package boundaries (docs/architecture.md): each package lists its workspace dependencies in
// package.json, its tsconfig references mirror them, and the layering rules hold.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const dirs = ['libs', 'services'].flatMap((d) =>
  readdirSync(join(root, d)).map((n) => `${d}/${n}`).filter((p) => existsSync(join(root, p, 'tsconfig.json')) && existsSync(join(root, p, 'package.json'))),
);
const byName = new Map<string, string>();
for (const d of dirs) byName.set(JSON.parse(readFileSync(join(root, d, 'package.json'), 'utf8')).name, d);

function workspaceDeps(dir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  return Object.keys(pkg.dependencies ?? {}).filter((n) => byName.has(n));
}

// Who may depend on whom (STYLE.md's table); services may use any lib, never another service
// except the all-in-one process, which exists to run the three together.
const allowed: Record<string, readonly string[]> = {
  '@stepwise/asl': [],
  '@stepwise/config': [],
  '@stepwise/protocol': ['@stepwise/asl'],
  '@stepwise/observability': ['@stepwise/config'],
  '@stepwise/engine': ['@stepwise/asl', '@stepwise/protocol', '@stepwise/observability', '@stepwise/config', '@stepwise/testing'],
  '@stepwise/testing': ['@stepwise/asl'],
  '@stepwise/testkit': ['@stepwise/engine', '@stepwise/config'],
};

describe('package boundaries', () => {
  it.each(dirs.filter((d) => !d.endsWith('/console')))('%s: tsconfig references mirror its workspace dependencies', (dir) => {
    const ts = JSON.parse(readFileSync(join(root, dir, 'tsconfig.json'), 'utf8'));
    const refs = (ts.references ?? []).map((r: { path: string }) => join(dir, r.path).replace(/\/$/, ''));
    const want = workspaceDeps(dir).map((n) => byName.get(n));
    expect([...refs].sort()).toEqual([...want].sort());
  });

  it.each(dirs.filter((d) => d.startsWith('libs/')))('%s depends only on the layers below it', (dir) => {
    const name = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name as string;
    const rule = allowed[name];
    expect(rule, `no boundary rule for ${name}: add it to tests/repo/boundaries.test.ts`).toBeDefined();
    for (const dep of workspaceDeps(dir)) expect(rule).toContain(dep);
  });

  it('no production package depends on the testkit', () => {
    for (const d of dirs) expect(workspaceDeps(d), d).not.toContain('@stepwise/testkit');
  });

  it('the solution tsconfig builds every package', () => {
    const sol = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
    const refs = sol.references.map((r: { path: string }) => r.path);
    for (const d of dirs.filter((x) => !x.endsWith('/console'))) expect(refs).toContain(d);
  });
});

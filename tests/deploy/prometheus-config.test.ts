// promtool checks of deploy/prometheus: the scrape configuration, the alert rules, and the rules'
// unit tests. Skips, saying so, where promtool is missing (.ci/run installs Debian's prometheus).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployDir } from './support/deploy-files.js';
import { missingToolMessage, which } from './support/tools.js';

const promtool = which('promtool');
if (!promtool) console.warn(missingToolMessage('promtool', 'prometheus'));

function run(...args: string[]): { ok: boolean; out: string } {
  try {
    return { ok: true, out: execFileSync(promtool!, args, { cwd: join(deployDir, 'prometheus'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return { ok: false, out: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

describe.skipIf(!promtool)('promtool', () => {
  it('accepts the scrape configuration and the rule files it loads', () => {
    const r = run('check', 'config', 'prometheus.yml');
    expect(r.out).toContain('SUCCESS');
    expect(r.ok, r.out).toBe(true);
    expect(r.out).toMatch(/1 rule files found/);
  });

  it('accepts the alert rules', () => {
    const r = run('check', 'rules', 'rules/stepwise.rules.yml');
    expect(r.ok, r.out).toBe(true);
    expect(r.out).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('the alert rules pass their unit tests (leaders, Redis, backlog, failure ratio, targets, stalls)', () => {
    const r = run('test', 'rules', 'tests/stepwise.rules.test.yml');
    expect(r.ok, r.out).toBe(true);
    expect(r.out).toContain('SUCCESS');
  });

  it('rejects a broken rule (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stepwise-rules-'));
    try {
      const file = join(dir, 'broken.yml');
      writeFileSync(file, 'groups:\n  - name: g\n    rules:\n      - alert: Broken\n        expr: sum(rate(stepwise_executions_failed_total[5m]) > \n');
      const r = run('check', 'rules', file);
      expect(r.ok).toBe(false);
      expect(r.out).toMatch(/parse error|FAILED/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

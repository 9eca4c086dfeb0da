/** The human report: one line per case, the first difference under each failure, then totals. */
import { relative } from 'node:path';
import { totals, type SuiteResult } from './results.js';

export interface ConsoleReportOptions {
  readonly color?: boolean;
  readonly cwd?: string;
}

export function formatConsoleReport(suites: readonly SuiteResult[], options: ConsoleReportOptions = {}): string {
  const c = colors(options.color ?? false);
  const lines: string[] = [];
  for (const suite of suites) {
    const file = options.cwd ? relative(options.cwd, suite.file) || suite.file : suite.file;
    const bad = suite.error !== undefined || suite.cases.some((k) => k.status === 'failed' || k.status === 'error');
    lines.push(`${bad ? c.red(' FAIL ') : c.green(' PASS ')} ${file} ${c.dim(`(${suite.stateMachine})`)}`);
    if (suite.error !== undefined) lines.push(...indent(suite.error, 4).map(c.red));
    for (const k of suite.cases) {
      const time = c.dim(`(${k.durationMs.toFixed(k.durationMs < 10 ? 1 : 0)} ms)`);
      if (k.status === 'passed') lines.push(`   ${c.green('✓')} ${k.name} ${time}`);
      else if (k.status === 'skipped') lines.push(`   ${c.yellow('-')} ${k.name} ${c.dim(k.skipReason !== undefined ? `(skipped: ${k.skipReason})` : '(skipped)')}`);
      else {
        lines.push(`   ${c.red('✗')} ${k.name} ${time}`);
        if (k.error !== undefined) lines.push(...indent(k.error, 7).map(c.red));
        for (const f of k.failures) lines.push(`       ${c.yellow(f.expectation)}: ${f.message}`);
      }
    }
  }
  const t = totals(suites);
  const parts = [
    t.passed > 0 ? c.green(`${t.passed} passed`) : '',
    t.failed > 0 ? c.red(`${t.failed} failed`) : '',
    t.errors > 0 ? c.red(`${t.errors} errors`) : '',
    t.skipped > 0 ? c.yellow(`${t.skipped} skipped`) : '',
  ].filter((p) => p !== '');
  lines.push('', `Cases: ${parts.join(', ') || '0'} (${t.total} total, ${suites.length} file${suites.length === 1 ? '' : 's'})`);
  return lines.join('\n');
}

function indent(text: string, n: number): string[] {
  return text.split('\n').map((l) => ' '.repeat(n) + l);
}

function colors(on: boolean) {
  const wrap = (code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2) };
}

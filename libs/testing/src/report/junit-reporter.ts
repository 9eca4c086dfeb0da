/**
 * JUnit XML for CI systems (GitHub Actions, GitLab, Jenkins): one <testsuite> per test file, one
 * <testcase> per case, <failure> with the first differences, <error> when a case could not run.
 */
import { totals, type SuiteResult } from './results.js';

export function formatJUnit(suites: readonly SuiteResult[], name = 'stepwise'): string {
  const t = totals(suites);
  const seconds = (ms: number): string => (ms / 1000).toFixed(3);
  const all = suites.reduce((s, x) => s + x.durationMs, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(name)}" tests="${t.total}" failures="${t.failed}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(all)}">`,
  ];
  for (const s of suites) {
    const st = totals([s]);
    out.push(
      `  <testsuite name="${esc(`${s.stateMachine} (${s.file})`)}" tests="${st.total}" failures="${st.failed}" errors="${st.errors}" skipped="${st.skipped}" time="${seconds(s.durationMs)}" file="${esc(s.file)}">`,
    );
    if (s.error !== undefined) {
      out.push(`    <testcase classname="${esc(s.stateMachine)}" name="(load)" time="0.000" file="${esc(s.file)}">`);
      out.push(`      <error message="${esc(firstLine(s.error))}">${esc(s.error)}</error>`, '    </testcase>');
    }
    for (const c of s.cases) {
      const open = `    <testcase classname="${esc(s.stateMachine)}" name="${esc(c.name)}" time="${seconds(c.durationMs)}" file="${esc(s.file)}"`;
      if (c.status === 'passed') out.push(`${open}/>`);
      else if (c.status === 'skipped') out.push(`${open}>`, c.skipReason !== undefined ? `      <skipped message="${esc(c.skipReason)}"/>` : '      <skipped/>', '    </testcase>');
      else if (c.status === 'error') out.push(`${open}>`, `      <error message="${esc(firstLine(c.error ?? 'error'))}">${esc(c.error ?? '')}</error>`, '    </testcase>');
      else {
        const body = c.failures.map((f) => `${f.expectation}: ${f.message}`).join('\n');
        out.push(`${open}>`, `      <failure message="${esc(firstLine(body))}" type="AssertionError">${esc(body)}</failure>`, '    </testcase>');
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? '';
}

function esc(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

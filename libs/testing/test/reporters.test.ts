import { describe, expect, it } from 'vitest';
import { formatConsoleReport, formatJUnit, succeeded, totals, type SuiteResult } from '@stepwise/testing';

const suites: SuiteResult[] = [
  {
    file: '/repo/examples/a.test.yaml',
    stateMachine: 'Orders',
    durationMs: 12,
    cases: [
      { name: 'happy', status: 'passed', failures: [], durationMs: 2 },
      { name: 'sad <path> & "quotes"', status: 'failed', failures: [{ expectation: 'output', message: 'output differs at $.id: expected 1, got 2' }], durationMs: 3 },
      { name: 'later', status: 'skipped', failures: [], durationMs: 0 },
    ],
  },
  { file: '/repo/broken.test.json', stateMachine: '?', durationMs: 1, cases: [], error: 'Invalid test file\n  broken.test.json at /cases: required' },
];

describe('reporters', () => {
  it('totals and the exit decision', () => {
    expect(totals(suites)).toEqual({ passed: 1, failed: 1, errors: 1, skipped: 1, total: 4 });
    expect(succeeded(suites)).toBe(false);
    expect(succeeded([{ ...suites[0]!, cases: [suites[0]!.cases[0]!] }])).toBe(true);
  });

  it('the console report shows each case and the first difference under a failure', () => {
    const text = formatConsoleReport(suites, { cwd: '/repo' });
    expect(text).toContain(' FAIL  examples/a.test.yaml (Orders)');
    expect(text).toContain('   ✓ happy (2.0 ms)');
    expect(text).toContain('   ✗ sad <path> & "quotes" (3.0 ms)\n       output: output differs at $.id: expected 1, got 2');
    expect(text).toContain('   - later (skipped)');
    expect(text).toContain('    Invalid test file');
    expect(text).toContain('Cases: 1 passed, 1 failed, 1 errors, 1 skipped (4 total, 2 files)');
  });

  it('JUnit XML has one testsuite per file, escaped names, failure, error and skipped', () => {
    const xml = formatJUnit(suites);
    expect(xml).toContain('<testsuites name="stepwise" tests="4" failures="1" errors="1" skipped="1" time="0.013">');
    expect(xml).toContain('<testsuite name="Orders (/repo/examples/a.test.yaml)" tests="3" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('<testcase classname="Orders" name="happy" time="0.002" file="/repo/examples/a.test.yaml"/>');
    expect(xml).toContain('name="sad &lt;path&gt; &amp; &quot;quotes&quot;"');
    expect(xml).toContain('<failure message="output: output differs at $.id: expected 1, got 2" type="AssertionError">');
    expect(xml).toContain('<skipped/>');
    expect(xml).toContain('<error message="Invalid test file">');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
  });
});

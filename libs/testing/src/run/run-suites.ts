/**
 * Runs loaded test files with an executor: cases in file order (`only` narrows, `skip` skips),
 * expectations checked, coverage recorded per state machine.
 */
import { checkExpectations } from '../expect/check-expectations.js';
import { coverageOf, recordRun, type Coverage } from '../coverage/coverage-model.js';
import { isMockConfigError } from '../mocks/mock-config-error.js';
import type { CaseResult, SuiteResult } from '../report/results.js';
import { loadTestFile, type LoadedSuite } from '../test-file/load-test-file.js';
import type { CaseExecutor } from './executor.js';

export interface RunOptions {
  /** Only cases whose name contains this text. */
  readonly filter?: string;
  readonly now?: () => number;
  /**
   * Which cases keep their observation in the results: 'failures' (default) the cases that
   * failed an expectation, 'all' every case run. An observation holds every payload its run
   * produced (state inputs, task parameters); kept for each passing case, they are most of a long
   * run's memory and of its garbage collection time, and no reporter reads them.
   */
  readonly keepObservations?: 'failures' | 'all';
}

export interface RunOutcome {
  readonly suites: SuiteResult[];
  readonly coverage: Coverage[];
}

const clock = (): number => performance.now();

export async function runTestFiles(files: readonly string[], executor: CaseExecutor, options: RunOptions = {}): Promise<RunOutcome> {
  const suites: SuiteResult[] = [];
  const coverage = new Map<string, Coverage>();
  const now = options.now ?? clock;
  for (const file of files) {
    const started = now();
    let suite: LoadedSuite;
    try {
      suite = await loadTestFile(file);
    } catch (e) {
      suites.push({ file, stateMachine: '?', cases: [], error: messageOf(e), durationMs: now() - started });
      continue;
    }
    const cov = coverage.get(suite.stateMachineName) ?? coverageOf(suite.stateMachineName, suite.definition);
    coverage.set(suite.stateMachineName, cov);
    const result = await runSuite(suite, executor, cov, options);
    const uses = [suite.definitionFile, suite.mockConfigFile, suite.handlersFile].filter((f): f is string => f !== undefined);
    suites.push(uses.length > 0 ? { ...result, uses } : result);
  }
  return { suites, coverage: [...coverage.values()] };
}

export async function runSuite(suite: LoadedSuite, executor: CaseExecutor, coverage: Coverage | undefined, options: RunOptions = {}): Promise<SuiteResult> {
  const now = options.now ?? clock;
  const started = now();
  const anyOnly = suite.cases.some((c) => c.only);
  const keepAll = options.keepObservations === 'all';
  const cases: CaseResult[] = [];
  for (const c of suite.cases) {
    if (c.skip || (anyOnly && !c.only) || (options.filter !== undefined && !c.name.includes(options.filter))) {
      cases.push({ name: c.name, status: 'skipped', failures: [], durationMs: 0 });
      continue;
    }
    if (c.memoryOnly && executor.remote === true) {
      cases.push({ name: c.name, status: 'skipped', failures: [], durationMs: 0, skipReason: `memoryOnly: runs in memory only, not on ${executor.name}` });
      continue;
    }
    const t0 = now();
    try {
      const observation = await executor.run(suite, c);
      if (coverage) recordRun(coverage, observation);
      const failures = checkExpectations(c.expect, observation);
      const durationMs = now() - t0;
      if (failures.length === 0 && !keepAll) cases.push({ name: c.name, status: 'passed', failures, durationMs });
      else cases.push({ name: c.name, status: failures.length === 0 ? 'passed' : 'failed', failures, durationMs, observation });
    } catch (e) {
      cases.push({ name: c.name, status: 'error', failures: [], error: messageOf(e), durationMs: now() - t0 });
    }
  }
  return { file: suite.file, stateMachine: suite.stateMachineName, cases, durationMs: now() - started };
}

function messageOf(e: unknown): string {
  if (isMockConfigError(e)) return e.message;
  if (e instanceof Error) return e.name === 'Error' || e.name === 'TestFileError' ? e.message : `${e.name}: ${e.message}`;
  return String(e);
}

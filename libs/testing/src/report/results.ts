/** The outcome of running test files: what reporters print and the exit status is decided from. */
import type { ExpectationFailure } from '../expect/check-expectations.js';
import type { RunObservation } from '../run/observation.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped' | 'error';

export interface CaseResult {
  readonly name: string;
  readonly status: CaseStatus;
  readonly failures: readonly ExpectationFailure[];
  /** Set when the case could not run (bad mocks, the runner threw). */
  readonly error?: string;
  /** Why a case was skipped when it was not by `skip`, `only` or the filter (a memoryOnly case on a server). */
  readonly skipReason?: string;
  readonly durationMs: number;
  /** What the run showed: for a failed case, or for every case with `keepObservations: 'all'`. */
  readonly observation?: RunObservation;
}

export interface SuiteResult {
  readonly file: string;
  readonly stateMachine: string;
  readonly cases: readonly CaseResult[];
  /** Set when the file itself could not be loaded. */
  readonly error?: string;
  readonly durationMs: number;
  /** The other files the test file read (definition, mock configuration, handlers), for --watch. */
  readonly uses?: readonly string[];
}

export interface RunTotals {
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
  readonly total: number;
}

export function totals(suites: readonly SuiteResult[]): RunTotals {
  let passed = 0;
  let failed = 0;
  let errors = 0;
  let skipped = 0;
  for (const s of suites) {
    if (s.error !== undefined) errors++;
    for (const c of s.cases) {
      if (c.status === 'passed') passed++;
      else if (c.status === 'failed') failed++;
      else if (c.status === 'error') errors++;
      else skipped++;
    }
  }
  return { passed, failed, errors, skipped, total: passed + failed + errors + skipped };
}

export function succeeded(suites: readonly SuiteResult[]): boolean {
  const t = totals(suites);
  return t.failed === 0 && t.errors === 0;
}

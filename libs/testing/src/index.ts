// The public surface of @stepwise/testing, exported by name.
export type { MockConfig, MockConfigFile, MockedAttempt, MockedAttemptFile, MockedResponse, MockTestCase } from './mocks/mock-config-types.js';
export { MockConfigError, isMockConfigError, type MockConfigIssue } from './mocks/mock-config-error.js';
export { loadMockConfig, parseMockConfig } from './mocks/parse-mock-config.js';
export { selectTestCase, mockForAttempt, resolveMock, type MockResolution } from './mocks/resolve-mock.js';
export { inlineTestCase } from './mocks/inline-mocks.js';
export { readMockConfigFile, mockConfigFromEnv, withMocks } from './mocks/mock-config-file.js';
export { parseAttemptRange, type AttemptRange } from './mocks/attempt-range.js';
export { locatePointer, pointerAppend, pointerTokens, type TextPosition } from './json-pointer.js';

export type { Expectations, ExpectedStatus, InlineStateMock, TestCaseSpec, TestFileSpec } from './test-file/types.js';
export { TestFileError } from './test-file/test-file-error.js';
export { validateTestFile } from './test-file/validate-test-file.js';
export { loadTestFile, loadTestText, isTestFileName, type LoadedCase, type LoadedSuite } from './test-file/load-test-file.js';

export { firstDifference, firstSubsetDifference, isSubset, type Difference } from './expect/first-difference.js';
export { checkExpectations, type ExpectationFailure } from './expect/check-expectations.js';

export type { RunObservation, TaskCall, Transition, RetryTaken, ExecutionStatus } from './run/observation.js';
export { observeHistory, type HistoryEventLike, type HistoryObservation, type ObserveOptions } from './run/observe-history.js';
export type { CaseExecutor } from './run/executor.js';
export { runTestFiles, runSuite, type RunOptions, type RunOutcome } from './run/run-suites.js';

export {
  coverageOf,
  recordRun,
  summarizeCoverage,
  errorMatches,
  describeItem,
  type Coverage,
  type CoverageItem,
  type CoverageKind,
  type CoverageSummary,
  type CoverageCount,
} from './coverage/coverage-model.js';
export { coverageTable, coverageJson, belowThreshold, type CoverageJson } from './coverage/coverage-report.js';

export { totals, succeeded, type CaseResult, type CaseStatus, type SuiteResult, type RunTotals } from './report/results.js';
export { formatConsoleReport, type ConsoleReportOptions } from './report/console-reporter.js';
export { formatJUnit } from './report/junit-reporter.js';

export { inMemoryExecutor, runObserved, type InMemoryOptions, type ObservedRunOptions } from './run/in-memory-executor.js';
export { mockTaskHandler, type MockTaskHandlerOptions } from './run/mock-task-handler.js';
export { importHandlers, type LocalHandler, type LocalHandlers, type LocalHandlerContext } from './run/local-handlers.js';
export { runCase, expectCase, type CaseOptions, type CaseRun } from './run/run-case.js';

export { testState, type TestStateOptions } from './test-state/test-state.js';
export { TestStateError, isTestStateError, type TestStateErrorType } from './test-state/test-state-error.js';
export type { TestStateRequest, TestStateResponse, InspectionData, InspectionErrorDetails, InspectionLevel, TestExecutionStatus } from './test-state/types.js';

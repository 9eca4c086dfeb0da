/**
 * The predefined States.* error names, with AWS's two flags: whether a Retrier/Catcher on
 * `States.ALL` matches them (States.Runtime and States.DataLimitExceeded are terminal) and
 * whether they may be retried at all.
 */
export interface ErrorSpec {
  /** Matched by `States.ALL` in Retry and Catch. */
  readonly caughtByAll: boolean;
}

export const STATES_ERRORS = {
  'States.ALL': { caughtByAll: true },
  'States.HeartbeatTimeout': { caughtByAll: true },
  'States.Timeout': { caughtByAll: true },
  'States.TaskFailed': { caughtByAll: true },
  'States.Permissions': { caughtByAll: true },
  'States.ResultPathMatchFailure': { caughtByAll: true },
  'States.ParameterPathFailure': { caughtByAll: true },
  'States.QueryEvaluationError': { caughtByAll: true },
  'States.BranchFailed': { caughtByAll: true },
  'States.NoChoiceMatched': { caughtByAll: true },
  'States.IntrinsicFailure': { caughtByAll: true },
  'States.ExceedToleratedFailureThreshold': { caughtByAll: true },
  'States.ItemReaderFailed': { caughtByAll: true },
  'States.ResultWriterFailed': { caughtByAll: true },
  'States.DataLimitExceeded': { caughtByAll: false },
  'States.Runtime': { caughtByAll: false },
} as const satisfies Record<string, ErrorSpec>;

export type StatesErrorName = keyof typeof STATES_ERRORS;

/**
 * Whether one `ErrorEquals` list matches an error name (absent error: only States.ALL matches).
 * `reportedByTask`: the name came from a task's own failure, which States.ALL always matches
 * (AWS: a Lambda's oversized response fails the task with States.DataLimitExceeded and a
 * States.ALL Catcher takes it — conformance case test_service_task_lambada_catch_state_all_*).
 */
export function errorMatches(errorEquals: readonly string[], error: string | undefined, reportedByTask = false): boolean {
  for (const name of errorEquals) {
    if (name === 'States.ALL') {
      if (error === undefined || reportedByTask) return true;
      const spec = (STATES_ERRORS as Record<string, ErrorSpec>)[error];
      if (spec === undefined || spec.caughtByAll) return true;
    } else if (name === error) {
      return true;
    } else if (name === 'States.TaskFailed' && error !== undefined && isTaskError(error)) {
      return true;
    }
  }
  return false;
}

/** States.TaskFailed matches task failures; it does not match States.Timeout nor terminal errors. */
function isTaskError(error: string): boolean {
  return !error.startsWith('States.') || error === 'States.TaskFailed';
}

/**
 * ASL errors are data. A deep evaluator may throw a StatesError; the state boundary catches it
 * and turns it into a failure that Retry and Catch see like any task failure.
 */
export class StatesError extends Error {
  override readonly name = 'StatesError';
  constructor(
    /** The error name, e.g. `States.Runtime`, `States.TaskFailed`, or a task's own name. */
    readonly error: string,
    /** The cause, in AWS's words where AWS defines them. */
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

export function isStatesError(e: unknown): e is StatesError {
  return e instanceof StatesError;
}

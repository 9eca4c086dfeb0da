/**
 * A TestState request AWS would refuse, with AWS's error name (InvalidDefinition,
 * InvalidExecutionInput, ValidationException) for the api to answer as `__type`.
 */
export type TestStateErrorType = 'InvalidDefinition' | 'InvalidExecutionInput' | 'ValidationException';

export class TestStateError extends Error {
  override readonly name = 'TestStateError';
  constructor(
    readonly type: TestStateErrorType,
    message: string,
  ) {
    super(message);
  }
}

export function isTestStateError(e: unknown): e is TestStateError {
  return e instanceof TestStateError;
}

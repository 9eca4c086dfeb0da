/**
 * History events as GetExecutionHistory returns them: AWS's type names and detail field names
 * verbatim (`stateEnteredEventDetails`, `taskScheduledEventDetails`, ...). Timestamps are ISO-8601
 * text; the API layer turns them into the wire format.
 */
import type { JsonObject } from '../json.js';

export type HistoryEventType =
  | 'ExecutionStarted'
  | 'ExecutionSucceeded'
  | 'ExecutionFailed'
  | 'ExecutionAborted'
  | 'ExecutionTimedOut'
  | 'ExecutionRedriven'
  | 'EvaluationFailed'
  | `${'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map'}State${'Entered' | 'Exited'}`
  | 'TaskStateAborted'
  | 'WaitStateAborted'
  | 'ParallelStateAborted'
  | 'MapStateAborted'
  | 'TaskScheduled'
  | 'TaskStarted'
  | 'TaskStartFailed'
  | 'TaskSubmitted'
  | 'TaskSubmitFailed'
  | 'TaskSucceeded'
  | 'TaskFailed'
  | 'TaskTimedOut'
  | 'ActivityScheduled'
  | 'ActivityScheduleFailed'
  | 'ActivityStarted'
  | 'ActivitySucceeded'
  | 'ActivityFailed'
  | 'ActivityTimedOut'
  | 'LambdaFunctionScheduled'
  | 'LambdaFunctionScheduleFailed'
  | 'LambdaFunctionStarted'
  | 'LambdaFunctionStartFailed'
  | 'LambdaFunctionSucceeded'
  | 'LambdaFunctionFailed'
  | 'LambdaFunctionTimedOut'
  | 'ParallelStateStarted'
  | 'ParallelStateSucceeded'
  | 'ParallelStateFailed'
  | 'MapStateStarted'
  | 'MapStateSucceeded'
  | 'MapStateFailed'
  | 'MapIterationStarted'
  | 'MapIterationSucceeded'
  | 'MapIterationFailed'
  | 'MapIterationAborted'
  | 'MapRunStarted'
  | 'MapRunSucceeded'
  | 'MapRunFailed'
  | 'MapRunAborted';

/** `{ truncated: false }` beside every payload, as AWS writes it. */
export interface PayloadDetails {
  readonly truncated: boolean;
}

/**
 * One event. Exactly one `<camelType>EventDetails` field is present for types that have details
 * (e.g. `stateEnteredEventDetails` for every `*StateEntered`), none for the others.
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** ISO-8601, millisecond precision. */
  readonly timestamp: string;
  readonly type: HistoryEventType;
  readonly [detailsField: `${string}EventDetails`]: JsonObject | undefined;
}

/** An event before the emitter numbers and stamps it. */
export interface EventDraft {
  readonly type: HistoryEventType;
  readonly details?: JsonObject;
}

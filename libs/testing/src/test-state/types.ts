/**
 * TestState as AWS defines it (API reference, "TestState"): the request and response members
 * with AWS's names; payloads are JSON text, as on the wire. The request type is structurally the
 * SDK's TestStateInput, so the api passes its input through unchanged.
 */

export type InspectionLevel = 'INFO' | 'DEBUG' | 'TRACE';
export type TestExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'RETRIABLE' | 'CAUGHT_ERROR';
export type MockResponseValidationMode = 'STRICT' | 'PRESENT' | 'NONE';

export interface TestStateRequest {
  /** A state, or a whole state machine when `stateName` is given (JSON text). */
  readonly definition: string | undefined;
  readonly roleArn?: string | undefined;
  readonly input?: string | undefined;
  readonly inspectionLevel?: InspectionLevel | string | undefined;
  readonly revealSecrets?: boolean | undefined;
  /** JSON object literal of the variables visible to the state. */
  readonly variables?: string | undefined;
  readonly stateName?: string | undefined;
  readonly mock?:
    | {
        readonly result?: string | undefined;
        readonly errorOutput?: { readonly error?: string | undefined; readonly cause?: string | undefined } | undefined;
        readonly fieldValidationMode?: MockResponseValidationMode | string | undefined;
      }
    | undefined;
  /** A Context object (JSON text); only with a mock. */
  readonly context?: string | undefined;
  readonly stateConfiguration?:
    | {
        readonly retrierRetryCount?: number | undefined;
        readonly errorCausedByState?: string | undefined;
        readonly mapIterationFailureCount?: number | undefined;
        readonly mapItemReaderData?: string | undefined;
      }
    | undefined;
}

export interface InspectionErrorDetails {
  readonly catchIndex?: number;
  readonly retryIndex?: number;
  readonly retryBackoffIntervalSeconds?: number;
}

export interface InspectionData {
  readonly input?: string;
  readonly afterArguments?: string;
  readonly afterInputPath?: string;
  readonly afterParameters?: string;
  readonly result?: string;
  readonly afterResultSelector?: string;
  readonly afterResultPath?: string;
  readonly variables?: string;
  readonly errorDetails?: InspectionErrorDetails;
  readonly afterItemsPath?: string;
  readonly maxConcurrency?: number;
  readonly toleratedFailureCount?: number;
  readonly toleratedFailurePercentage?: number;
}

export interface TestStateResponse {
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly inspectionData?: InspectionData;
  readonly nextState?: string;
  readonly status: TestExecutionStatus;
}

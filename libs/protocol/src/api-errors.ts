/**
 * Every error the api answers, in one table: AWS's error name (the `__type` clients match on),
 * its HTTP status, and a default message. AWS Step Functions answers client errors with 400 and
 * the body `{"__type": "<Name>", "message": "..."}`; the AWS SDKs map `__type` to an exception
 * class, so the names here are AWS's, verbatim.
 */

export const apiErrors = {
  // Step Functions' own errors (service model), all 400.
  ActivityAlreadyExists: { status: 400, message: 'Activity already exists' },
  ActivityDoesNotExist: { status: 400, message: 'Activity does not exist' },
  ActivityLimitExceeded: { status: 400, message: 'Activity limit exceeded' },
  ActivityWorkerLimitExceeded: { status: 400, message: 'Activity worker limit exceeded' },
  ConflictException: { status: 400, message: 'Conflict' },
  ExecutionAlreadyExists: { status: 400, message: 'Execution already exists' },
  ExecutionDoesNotExist: { status: 400, message: 'Execution does not exist' },
  ExecutionLimitExceeded: { status: 400, message: 'Execution limit exceeded' },
  ExecutionNotRedrivable: { status: 400, message: 'Execution is not redrivable' },
  InvalidArn: { status: 400, message: 'Invalid Arn' },
  InvalidDefinition: { status: 400, message: 'Invalid State Machine Definition' },
  InvalidEncryptionConfiguration: { status: 400, message: 'Invalid encryption configuration' },
  InvalidExecutionInput: { status: 400, message: 'Invalid execution input' },
  InvalidLoggingConfiguration: { status: 400, message: 'Invalid logging configuration' },
  InvalidName: { status: 400, message: 'Invalid Name' },
  InvalidOutput: { status: 400, message: 'Invalid output' },
  InvalidToken: { status: 400, message: 'Invalid Token' },
  InvalidTracingConfiguration: { status: 400, message: 'Invalid tracing configuration' },
  MissingRequiredParameter: { status: 400, message: 'Missing required parameter' },
  ResourceNotFound: { status: 400, message: 'Resource not found' },
  ServiceQuotaExceededException: { status: 400, message: 'Service quota exceeded' },
  StateMachineAlreadyExists: { status: 400, message: 'State Machine already exists' },
  StateMachineDeleting: { status: 400, message: 'State Machine is being deleted' },
  StateMachineDoesNotExist: { status: 400, message: 'State Machine Does Not Exist' },
  StateMachineLimitExceeded: { status: 400, message: 'State machine limit exceeded' },
  StateMachineTypeNotSupported: { status: 400, message: 'This operation is not supported by this type of state machine' },
  TaskDoesNotExist: { status: 400, message: 'Task does not exist' },
  TaskTimedOut: { status: 400, message: 'Task Timed Out' },
  TooManyTags: { status: 400, message: 'Too many tags' },
  ValidationException: { status: 400, message: 'Validation error' },
  // Errors common to every AWS JSON service.
  AccessDeniedException: { status: 400, message: 'Access denied' },
  IncompleteSignature: { status: 400, message: 'The request signature does not conform to AWS standards.' },
  InvalidSignatureException: { status: 400, message: 'The request signature we calculated does not match the signature you provided.' },
  MissingAuthenticationTokenException: { status: 400, message: 'Missing Authentication Token' },
  UnrecognizedClientException: { status: 400, message: 'The security token included in the request is invalid.' },
  SerializationException: { status: 400, message: 'Start of structure or map found where not expected.' },
  UnknownOperationException: { status: 400, message: 'Unknown operation' },
  ThrottlingException: { status: 400, message: 'Rate exceeded' },
  RequestEntityTooLargeException: { status: 413, message: 'Request entity too large' },
  NotFoundException: { status: 404, message: 'Not found' },
  ServiceUnavailable: { status: 503, message: 'Service unavailable' },
  InternalFailure: { status: 500, message: 'The request processing has failed because of an unknown error.' },
} as const satisfies Record<string, { readonly status: number; readonly message: string }>;

export type ApiErrorName = keyof typeof apiErrors;

/** An error answered to a client: AWS's name, a message, and the status from the table. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  constructor(
    readonly type: ApiErrorName,
    message?: string,
    /** Extra members AWS puts beside `message` (ResourceNotFound.resourceName, ValidationException.reason). */
    readonly extra?: Readonly<Record<string, string>>,
  ) {
    super(message ?? apiErrors[type].message);
    this.status = apiErrors[type].status;
  }

  /** The AWS JSON 1.0 body. */
  toBody(): Record<string, string> {
    return { __type: this.type, message: this.message, ...this.extra };
  }
}

export function isApiErrorName(name: string): name is ApiErrorName {
  return Object.hasOwn(apiErrors, name);
}

/** Maps an error thrown anywhere below the api (e.g. EngineError with an AWS `code`) to an ApiError. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && isApiErrorName(err.code)) {
    return new ApiError(err.code, err.message);
  }
  return new ApiError('InternalFailure');
}

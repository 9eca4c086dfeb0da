// The public surface of @stepwise/protocol, exported by name.
export { arns, parseArn, baseStateMachineArn, stateMachineArnOfExecution, isValidResourceName, parseStateMachineRef, activityNameOf } from './arn.js';
export type { ArnScope, ArnResource, ParsedArn, StateMachineRef } from './arn.js';
export { apiErrors, ApiError, isApiErrorName, toApiError } from './api-errors.js';
export type { ApiErrorName } from './api-errors.js';
export { actionSpecs, actionNames, isActionName } from './aws-json/actions.js';
export type { ActionName, ActionInputs, ActionOutput } from './aws-json/actions.js';
export { validateRequest } from './aws-json/validate.js';
export type { ActionSpec, FieldSpec, ValidationLimits } from './aws-json/validate.js';
export { encodePageToken, decodePageToken } from './page-token.js';
export { openApiDocument } from './openapi.js';

// The public surface of @stepwise/protocol, exported by name.
export { arns, parseArn, baseStateMachineArn, stateMachineArnOfExecution, isValidResourceName } from './arn.js';
export type { ArnScope, ArnResource, ParsedArn } from './arn.js';

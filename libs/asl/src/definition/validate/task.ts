/**
 * Task states: a Resource string (any string: Stepwise does not check resources against AWS,
 * so definitions written for AWS run unchanged), Parameters/Arguments, Credentials, and the
 * timeouts (TimeoutSeconds vs TimeoutSecondsPath and HeartbeatSeconds vs HeartbeatSecondsPath
 * exclusive, both positive integers, HeartbeatSeconds below TimeoutSeconds). EXPRESS machines
 * refuse the patterns they cannot run: `.sync`, `.waitForTaskToken` and activities.
 */
import { pointer } from '../diagnostics.js';
import type { StateScope } from './context.js';
import { msg } from './messages.js';
import { checkPayload } from './payload.js';
import type { JsonRecord } from './values.js';
import { checkNumberField, checkPathField, exclusive, expectObject, expectString, has, MAX_SECONDS } from './values.js';

export function checkTask(scope: StateScope, state: JsonRecord): void {
  const { ctx, location } = scope;
  if (!has(state, 'Resource')) ctx.schema(msg.required(['Resource']), location);
  else {
    const at = pointer(location, 'Resource');
    const resource = state['Resource'];
    if (expectString(ctx, resource, at) && ctx.type === 'EXPRESS') checkExpressResource(scope, resource, at);
  }
  if (has(state, 'Credentials')) checkCredentials(scope, state['Credentials'], pointer(location, 'Credentials'));
  exclusive(ctx, state, location, ['TimeoutSeconds', 'TimeoutSecondsPath']);
  exclusive(ctx, state, location, ['HeartbeatSeconds', 'HeartbeatSecondsPath']);
  checkNumberField(scope, state, 'TimeoutSeconds', location, { integer: true, min: 1, max: MAX_SECONDS });
  checkNumberField(scope, state, 'HeartbeatSeconds', location, { integer: true, min: 1, max: MAX_SECONDS });
  if (scope.language === 'JSONPath') {
    checkPathField(ctx, state, 'TimeoutSecondsPath', location, 'reference');
    checkPathField(ctx, state, 'HeartbeatSecondsPath', location, 'reference');
  }
  const timeout = state['TimeoutSeconds'];
  const heartbeat = state['HeartbeatSeconds'];
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    ctx.schema(msg.lessThanField('HeartbeatSeconds', 'TimeoutSeconds'), pointer(location, 'HeartbeatSeconds'));
  }
}

/** AWS: "Express state machine does not support '.waitForTaskToken' service integration " at .../Resource. */
function checkExpressResource(scope: StateScope, resource: string, at: string): void {
  if (resource.endsWith('.waitForTaskToken')) scope.ctx.schema(msg.expressIntegration('.waitForTaskToken'), at);
  else if (/\.sync(:\d+)?$/.test(resource)) scope.ctx.schema(msg.expressIntegration('.sync'), at);
  else if (/^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) scope.ctx.schema(msg.expressActivity(), at);
}

/** Credentials name the role to assume: RoleArn (or RoleArn.$ in JSONPath states). */
function checkCredentials(scope: StateScope, v: unknown, at: string): void {
  const { ctx } = scope;
  if (!expectObject(ctx, v, at)) return;
  const names = scope.language === 'JSONPath' ? ['RoleArn', 'RoleArn.$'] : ['RoleArn'];
  if (!names.some((n) => has(v, n))) ctx.schema(msg.required(['RoleArn']), at);
  checkPayload(ctx, scope.language, v, at);
}

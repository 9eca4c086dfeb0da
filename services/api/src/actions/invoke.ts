/**
 * One call of one action, whichever router it came through: validate the members as AWS does,
 * apply the StartExecution rate limit, run the handler, map engine errors to AWS's, and count
 * it in the api metrics. Both routers end here.
 */
import { ApiError, actionSpecs, parseStateMachineRef, toApiError, validateRequest, type ActionInputs, type ActionName, type ActionOutput } from '@stepwise/protocol';
import type { ActionContext } from './context.js';
import { actions } from './table.js';
import type { Handler } from './handler.js';
import type { TokenBucket } from '../middleware/rate-limit.js';
import { targetCache } from './target-cache.js';
import { metrics } from '@stepwise/observability';

const RATE_LIMITED: ReadonlySet<ActionName> = new Set(['StartExecution', 'StartSyncExecution']);

/** Registry changes, and the member naming the state machine whose StartExecution cache entries they drop. */
const nameOf = (arn: unknown) => (typeof arn === 'string' ? parseStateMachineRef(arn)?.name : undefined);
const CHANGES: Partial<Record<ActionName, (input: Record<string, unknown>) => string | undefined>> = {
  CreateStateMachine: (i) => (typeof i.name === 'string' ? i.name : undefined),
  UpdateStateMachine: (i) => nameOf(i.stateMachineArn),
  DeleteStateMachine: (i) => nameOf(i.stateMachineArn),
  PublishStateMachineVersion: (i) => nameOf(i.stateMachineArn),
  DeleteStateMachineVersion: (i) => nameOf(i.stateMachineVersionArn),
  UpdateStateMachineAlias: (i) => nameOf(i.stateMachineAliasArn),
  DeleteStateMachineAlias: (i) => nameOf(i.stateMachineAliasArn),
  CreateStateMachineAlias: (i) => (Array.isArray(i.routingConfiguration) ? nameOf((i.routingConfiguration[0] as { stateMachineVersionArn?: unknown } | undefined)?.stateMachineVersionArn) : undefined),
};

export interface InvokeOptions {
  readonly startBucket: TokenBucket;
}

export async function invoke(action: ActionName, body: unknown, ctx: ActionContext, opts: InvokeOptions): Promise<ActionOutput> {
  const limits = { maxPayloadBytes: ctx.deps.config.STEPWISE_MAX_PAYLOAD_BYTES };
  const input = validateRequest(actionSpecs[action], body, limits) as unknown as ActionInputs[ActionName];
  if (RATE_LIMITED.has(action) && !opts.startBucket.tryTake()) {
    ctx.deps.metrics?.throttled(action);
    metrics.executionsThrottled.inc({ state_machine: nameOf((input as unknown as Record<string, unknown>).stateMachineArn) ?? '' });
    throw new ApiError('ThrottlingException', 'Rate exceeded');
  }
  const handler = actions[action] as Handler<ActionName>;
  try {
    const out = await handler(input, ctx);
    const machine = CHANGES[action]?.(input as unknown as Record<string, unknown>);
    if (machine !== undefined) targetCache(ctx.deps).invalidate(machine);
    return out;
  } catch (e) {
    const err = toApiError(e);
    if (err.type === 'InternalFailure') ctx.log.error({ err: e, action }, 'unexpected error');
    throw err;
  }
}

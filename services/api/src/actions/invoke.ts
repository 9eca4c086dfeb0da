/**
 * One call of one action, whichever router it came through: validate the members as AWS does,
 * apply the StartExecution rate limit, run the handler, map engine errors to AWS's, and count
 * it in the api metrics. Both routers end here.
 */
import { ApiError, actionSpecs, toApiError, validateRequest, type ActionInputs, type ActionName, type ActionOutput } from '@stepwise/protocol';
import type { ActionContext } from './context.js';
import { actions } from './table.js';
import type { Handler } from './handler.js';
import type { TokenBucket } from '../middleware/rate-limit.js';

const RATE_LIMITED: ReadonlySet<ActionName> = new Set(['StartExecution', 'StartSyncExecution']);

export interface InvokeOptions {
  readonly startBucket: TokenBucket;
}

export async function invoke(action: ActionName, body: unknown, ctx: ActionContext, opts: InvokeOptions): Promise<ActionOutput> {
  const limits = { maxPayloadBytes: ctx.deps.config.STEPWISE_MAX_PAYLOAD_BYTES };
  const input = validateRequest(actionSpecs[action], body, limits) as unknown as ActionInputs[ActionName];
  if (RATE_LIMITED.has(action) && !opts.startBucket.tryTake()) {
    ctx.deps.metrics?.throttled(action);
    throw new ApiError('ThrottlingException', 'Rate exceeded');
  }
  const handler = actions[action] as Handler<ActionName>;
  try {
    return await handler(input, ctx);
  } catch (e) {
    const err = toApiError(e);
    if (err.type === 'InternalFailure') ctx.log.error({ err: e, action }, 'unexpected error');
    throw err;
  }
}

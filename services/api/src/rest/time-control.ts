/**
 * Time control over REST (issue 9): `GET /v1/settings` tells a client (the console) whether time
 * control is on, and `POST /v1/executions/{executionArn}/fire-timer` fires the execution's
 * earliest waiting timer (a Wait state or a retry back-off) now. Time control is on only when
 * STEPWISE_TIME_SCALE is set (libs/config refuses it when STEPWISE_ENV=production); otherwise the
 * route answers a ValidationException saying how to turn it on.
 */
import { ApiError } from '@stepwise/protocol';
import type { AppDeps } from '../deps.js';
import type { ActionContext } from '../actions/context.js';
import { executionArnCheck } from '../actions/context.js';
import { invoke, type InvokeOptions } from '../actions/invoke.js';

/** Whether fire-timer is allowed: an explicit deps.timeControl, else a time scale other than 1. */
export function timeControlOn(deps: AppDeps): boolean {
  return deps.timeControl ?? deps.config.STEPWISE_TIME_SCALE !== 1;
}

export interface Settings {
  readonly timeControl: boolean;
  readonly timeScale: number;
}

export function settingsOf(deps: AppDeps): Settings {
  return { timeControl: timeControlOn(deps), timeScale: deps.config.STEPWISE_TIME_SCALE };
}

export const timeControlOff = (): ApiError =>
  new ApiError('ValidationException', 'Time control is off: start Stepwise with STEPWISE_TIME_SCALE set (for example STEPWISE_TIME_SCALE=3600) to fire timers now. It is refused when STEPWISE_ENV=production.');

/**
 * Fires the earliest waiting timer of the execution. `fired` is false when the execution waits on
 * no timer (it is running a task, waiting for a callback, or has finished).
 */
export async function fireTimer(executionArn: string, ctx: ActionContext, opts: InvokeOptions): Promise<{ readonly fired: boolean }> {
  executionArnCheck(executionArn);
  // DescribeExecution answers ExecutionDoesNotExist (and checks the ARN) exactly as the AWS protocol does.
  await invoke('DescribeExecution', { executionArn }, ctx, opts);
  if (!timeControlOn(ctx.deps)) throw timeControlOff();
  return { fired: await ctx.deps.engine.fireTimerNow(executionArn) };
}

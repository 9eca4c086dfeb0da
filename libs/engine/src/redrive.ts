/**
 * RedriveExecution: not supported yet by the durable engine (the interpreter has no redrive entry
 * point). Answers AWS's ExecutionNotRedrivable with the reason, never a half-redriven execution.
 */
import type { EngineCore } from './core.js';
import { EngineError } from './facade.js';

export async function redriveExecution(core: EngineCore, executionId: string, executionArn: string): Promise<{ readonly redriveDate: number }> {
  const status = await core.redis.hget(core.keys.meta(executionId), 'status');
  if (status === null) throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  throw new EngineError('ExecutionNotRedrivable', `Execution is ${status} and cannot be redriven by this Stepwise version`);
}

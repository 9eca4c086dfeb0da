/**
 * EXPRESS executions: run in memory with the interpreter's own driver (runInMemory, real clock),
 * no per-state persistence, with the same task integrations as STANDARD ones.
 * StartSyncExecution runs it in the api request and returns the result inline; an asynchronous
 * start is a job that a worker runs (express-jobs.ts).
 */
import { runInMemory, toJsonText, type Json } from '@stepwise/asl';
import type { EngineCore } from './core.js';
import type { StartExecutionRequest, SyncExecutionResult } from './facade.js';
import { countClosed } from './metrics.js';

export async function runExpress(core: EngineCore, req: StartExecutionRequest & { readonly name: string }, executionArn: string, startDate?: number): Promise<SyncExecutionResult> {
  // an asynchronous start was answered with its startDate before a worker ran it (again, after a
  // crash): $$.Execution.StartTime and the duration count from that answer
  const started = startDate ?? core.clock.now();
  const input = JSON.parse(req.input) as Json;
  const result = await runInMemory(JSON.parse(req.definition) as unknown, input, {
    clock: 'real',
    executionName: req.name,
    stateMachineName: req.stateMachineName,
    region: core.scope.region,
    accountId: core.scope.accountId,
    ...(req.roleArn !== undefined ? { roleArn: req.roleArn } : {}),
    limits: core.limits,
    context: { id: executionArn, stateMachineId: req.stateMachineArn, ...(startDate !== undefined ? { startTime: new Date(startDate).toISOString() } : {}) },
    taskHandler: async (t) => {
      const out = await core.integrations.dispatch({
        resource: t.resource,
        input: t.input,
        pattern: t.pattern,
        stateName: t.stateName,
        attempt: t.attempt,
        executionArn,
        idempotencyKey: `${executionArn}/${t.stateName}/${t.attempt}`,
        target: { executionId: '', frameId: '', waitId: '' },
        ...(req.mockTestCase !== undefined ? { mockTestCase: req.mockTestCase } : {}),
        stateMachineName: req.stateMachineName,
        ...(t.taskToken !== undefined ? { taskToken: t.taskToken } : {}),
        ...(t.timeoutSeconds !== undefined ? { timeoutMs: core.scaled(t.timeoutSeconds * 1000) } : {}),
      });
      switch (out.kind) {
        case 'succeeded': return { kind: 'succeeded', output: out.output };
        case 'failed': return { kind: 'failed', error: out.error, cause: out.cause };
        case 'submitted':
        case 'dispatched':
          return { kind: 'failed', error: 'States.Runtime', cause: `EXPRESS state machines do not support the ${t.pattern} integration pattern.` };
      }
    },
  });
  const stopped = core.clock.now();
  const status = result.status === 'ABORTED' ? 'FAILED' : result.status;
  countClosed(req.stateMachineName, status, started, stopped);
  return {
    executionArn,
    stateMachineArn: req.stateMachineArn,
    name: req.name,
    status,
    startDate: started,
    stopDate: stopped,
    input: req.input,
    ...(result.output !== undefined ? { output: toJsonText(result.output) } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.cause !== undefined ? { cause: result.cause } : {}),
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil((stopped - started) / 100) * 100) },
  };
}

/**
 * Nested executions `arn:aws:states:::states:startExecution` (+ `.sync`, `.sync:2`): the child
 * is started through the engine itself with a name derived from the idempotency key (so a
 * redelivered dispatch finds the same child). Request-response returns {ExecutionArn,
 * StartDate}; `.sync` variants wait: the child's end answers the parent's task (engine.ts).
 */
import { createHash } from 'node:crypto';
import { isObject, toJsonText } from '@stepwise/asl';
import { arns } from '@stepwise/protocol';
import type { EngineCore } from '../core.js';
import { EngineError, type StartExecutionRequest, type StartExecutionResult } from '../facade.js';
import type { Integration } from './types.js';

/**
 * A `.sync` child's link to the task waiting for it: execution, frame, wait id, pattern, and the
 * wait's task generation (`pg`, the frame's `tg`), so a late child of an earlier incarnation of
 * the frame (an item redriven from its start) cannot answer the new one.
 */
export interface ParentLink { pe: string; pf: string; pw: string; pp: string; pg?: string }

export interface NestedDeps {
  readonly resolve: ((arn: string) => Promise<{ stateMachineArn: string; name: string; definition: string; type: 'STANDARD' | 'EXPRESS'; roleArn?: string; versionArn?: string; aliasArn?: string } | undefined>) | undefined;
  readonly start: (req: StartExecutionRequest, parent?: ParentLink) => Promise<StartExecutionResult>;
  readonly addChild: (executionId: string, childArn: string) => Promise<void>;
  readonly stop: (executionArn: string) => Promise<void>;
}

function nameFrom(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function nestedIntegration(core: EngineCore, deps: NestedDeps): Integration {
  return async (req) => {
    const p = req.input;
    if (!isObject(p) || typeof p.StateMachineArn !== 'string') {
      return { kind: 'failed', error: 'States.Runtime', cause: 'The states:startExecution task needs the parameter StateMachineArn.' };
    }
    if (!deps.resolve) return { kind: 'failed', error: 'States.Runtime', cause: 'Nested executions need a state machine resolver (createEngine({ resolveStateMachine })).' };
    let sm: Awaited<ReturnType<NonNullable<NestedDeps['resolve']>>>;
    try {
      sm = await deps.resolve(p.StateMachineArn);
    } catch (e) {
      if (e instanceof EngineError) return { kind: 'failed', error: `StepFunctions.${e.code}Exception`, cause: e.message };
      throw e;
    }
    if (!sm) return { kind: 'failed', error: 'StepFunctions.StateMachineDoesNotExistException', cause: `State Machine Does Not Exist: '${p.StateMachineArn}'` };
    const sync = req.pattern === 'sync' || req.pattern === 'sync2';
    const input = p.Input === undefined ? '{}' : typeof p.Input === 'string' ? p.Input : toJsonText(p.Input);
    const startReq: StartExecutionRequest = {
      stateMachineArn: sm.stateMachineArn,
      stateMachineName: sm.name,
      definition: sm.definition,
      type: sm.type,
      name: typeof p.Name === 'string' ? p.Name : nameFrom(req.idempotencyKey),
      input,
      ...(sm.roleArn !== undefined ? { roleArn: sm.roleArn } : {}),
      ...(sm.versionArn !== undefined ? { stateMachineVersionArn: sm.versionArn } : {}),
      ...(sm.aliasArn !== undefined ? { stateMachineAliasArn: sm.aliasArn } : {}),
    };
    try {
      // An EXPRESS parent runs in memory (no execution id, nothing stored): no link to record.
      const durableParent = req.target.executionId !== '';
      // Recorded before the start, so a StopExecution of the parent racing with it finds the child.
      if (durableParent) await deps.addChild(req.target.executionId, arns.execution(core.scope, sm.name, startReq.name ?? ''));
      const r = await deps.start(startReq, sync && durableParent ? { pe: req.target.executionId, pf: req.target.frameId, pw: req.target.waitId, pp: req.pattern, ...(req.target.generation !== undefined ? { pg: req.target.generation } : {}) } : undefined);
      // The parent may have been stopped while the child started: stop the orphan.
      if (durableParent && (await core.redis.hget(core.keys.meta(req.target.executionId), 'status')) !== 'RUNNING') await deps.stop(r.executionArn);
      const output = { ExecutionArn: r.executionArn, StartDate: new Date(r.startDate).toISOString() };
      // `.sync`: AWS's TaskSubmitted carries the StartExecution response; the child's end answers
      return sync ? { kind: 'submitted', output } : { kind: 'succeeded', output };
    } catch (e) {
      if (e instanceof EngineError) return { kind: 'failed', error: `StepFunctions.${e.code}Exception`, cause: e.message };
      core.log('warn', 'nested start failed', { error: String(e) });
      throw e;
    }
  };
}

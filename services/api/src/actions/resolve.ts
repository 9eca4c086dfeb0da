/**
 * Which definition an execution runs: a state machine ARN runs its current revision, a version
 * ARN runs that version, an alias ARN runs one of its versions chosen by the routing weights.
 */
import type { StateMachineType } from '@stepwise/engine';
import { ApiError, type StateMachineRef } from '@stepwise/protocol';
import type { AppDeps } from '../deps.js';
import { smDoesNotExist } from './context.js';
import { targetCache } from './target-cache.js';
import { settle } from './deleting.js';

export interface ExecutionTarget {
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly type: StateMachineType;
  readonly definition: string;
  readonly roleArn: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
}

export async function resolveTarget(deps: AppDeps, ref: StateMachineRef): Promise<ExecutionTarget> {
  const cache = targetCache(deps);
  let sm = await cache.get(ref.name, 'sm', () => deps.registry.getStateMachine(ref.name));
  if (sm?.status === 'DELETING') {
    // settled: removed, still DELETING, or already re-created under the same name (ACTIVE)
    sm = await settle(deps, sm);
    if (sm?.status === 'DELETING') throw new ApiError('StateMachineDeleting', `State Machine is being deleted: '${sm.arn}'`);
  }
  if (!sm) throw smDoesNotExist(ref.arn);
  const base = { stateMachineArn: sm.arn, stateMachineName: sm.name };
  if (ref.kind === 'stateMachine') return { ...base, type: sm.type, definition: sm.definition, roleArn: sm.roleArn };
  let versionNumber: number;
  let aliasArn: string | undefined;
  if (ref.kind === 'version') versionNumber = ref.version;
  else {
    const alias = await cache.get(ref.name, `alias:${ref.alias}`, () => deps.registry.getAlias(ref.name, ref.alias));
    if (!alias) throw smDoesNotExist(ref.arn);
    aliasArn = alias.arn;
    const pick = (deps.random ?? Math.random)() * 100;
    let acc = 0;
    let chosen = alias.routingConfiguration[alias.routingConfiguration.length - 1]?.stateMachineVersionArn ?? '';
    for (const r of alias.routingConfiguration) {
      acc += r.weight;
      if (pick < acc) {
        chosen = r.stateMachineVersionArn;
        break;
      }
    }
    versionNumber = Number(chosen.slice(chosen.lastIndexOf(':') + 1));
  }
  const v = await cache.get(ref.name, `v:${versionNumber}`, () => deps.registry.getVersion(ref.name, versionNumber));
  if (!v) throw smDoesNotExist(ref.arn);
  return { ...base, type: v.type, definition: v.definition, roleArn: v.roleArn, stateMachineVersionArn: v.arn, ...(aliasArn ? { stateMachineAliasArn: aliasArn } : {}) };
}

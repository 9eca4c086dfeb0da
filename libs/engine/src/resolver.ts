/**
 * Resolves a state machine or version ARN to what a nested execution needs, from the registry
 * (libs/engine/src/registry, the api's). Aliases resolve to their first routed version. A machine
 * being deleted is refused with StateMachineDeleting, as StartExecution refuses it.
 */
import { parseArn } from '@stepwise/protocol';
import type { Registry } from './registry/index.js';
import { deletingError } from './registry/registry.js';
import type { ResolvedStateMachine } from './engine.js';

export function registryResolver(registry: Registry): (arn: string) => Promise<ResolvedStateMachine | undefined> {
  return async (arn) => {
    const p = parseArn(arn);
    if (!p || p.resource !== 'stateMachine' || !p.parts[0]) return undefined;
    const name = p.parts[0];
    const sm = await registry.getStateMachine(name);
    if (!sm) return undefined;
    if (sm.status === 'DELETING') throw deletingError(sm.arn);
    const qualifier = p.parts[1];
    if (qualifier === undefined) return { stateMachineArn: sm.arn, name, definition: sm.definition, type: sm.type, roleArn: sm.roleArn };
    let versionNumber = /^\d+$/.test(qualifier) ? Number(qualifier) : undefined;
    let aliasArn: string | undefined;
    if (versionNumber === undefined) {
      const alias = await registry.getAlias(name, qualifier);
      const first = alias?.routingConfiguration[0];
      if (!alias || !first) return undefined;
      aliasArn = alias.arn;
      versionNumber = Number(first.stateMachineVersionArn.split(':').pop());
    }
    const v = await registry.getVersion(name, versionNumber);
    if (!v) return undefined;
    return { stateMachineArn: sm.arn, name, definition: v.definition, type: sm.type, roleArn: v.roleArn, versionArn: v.arn, ...(aliasArn !== undefined ? { aliasArn } : {}) };
  };
}

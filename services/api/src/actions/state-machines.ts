/**
 * CreateStateMachine, UpdateStateMachine, DescribeStateMachine, DeleteStateMachine,
 * ListStateMachines, ValidateStateMachineDefinition: AWS's checks (names, ARNs, definitions)
 * in front of the registry.
 */
import { ApiError, decodePageToken, encodePageToken } from '@stepwise/protocol';
import type { CloudFields, RegistryJson, StateMachineRecord, Tags } from '@stepwise/engine';
import { checkName, compact, date, inScope, pageSize, smDoesNotExist, stateMachineRef, invalidArn } from './context.js';
import { diagnose, requireValidDefinition } from './definitions.js';
import type { Handlers } from './handler.js';
import { currentMachine, settle, terminateRunning } from './deleting.js';

export function tagsOf(list: readonly { key?: string | undefined; value?: string | undefined }[] | undefined): Tags {
  const out: Record<string, string> = {};
  for (const t of list ?? []) if (t.key !== undefined) out[t.key] = t.value ?? '';
  return out;
}

function checkRoleArn(roleArn: string): void {
  if (!roleArn.startsWith('arn:')) throw new ApiError('InvalidArn', `Invalid Arn: 'Invalid ARN prefix: ${roleArn}'`);
}

function cloudFields(input: { loggingConfiguration?: unknown; tracingConfiguration?: unknown; encryptionConfiguration?: unknown }): CloudFields {
  return compact({
    loggingConfiguration: input.loggingConfiguration as RegistryJson | undefined,
    tracingConfiguration: input.tracingConfiguration as RegistryJson | undefined,
    encryptionConfiguration: input.encryptionConfiguration as RegistryJson | undefined,
  });
}

export function describeMachine(sm: StateMachineRecord) {
  return compact({
    stateMachineArn: sm.arn,
    name: sm.name,
    status: sm.status ?? 'ACTIVE',
    definition: sm.definition,
    roleArn: sm.roleArn,
    type: sm.type,
    creationDate: date(sm.creationDate),
    loggingConfiguration: sm.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: sm.tracingConfiguration ?? { enabled: false },
    encryptionConfiguration: sm.encryptionConfiguration,
    revisionId: sm.revisionId,
  });
}

export const stateMachineHandlers: Handlers<
  'CreateStateMachine' | 'UpdateStateMachine' | 'DescribeStateMachine' | 'DeleteStateMachine' | 'ListStateMachines' | 'ValidateStateMachineDefinition'
> = {
  async CreateStateMachine(input, { deps }) {
    checkName(input.name!, 'stateMachine');
    checkRoleArn(input.roleArn!);
    requireValidDefinition(deps.definitions, input.definition!);
    // A machine of this name that is DELETING with nothing running any more is gone first.
    await currentMachine(deps, input.name!);
    const { record, version } = await deps.registry.createStateMachine({
      name: input.name!,
      definition: input.definition!,
      roleArn: input.roleArn!,
      type: input.type ?? 'STANDARD',
      tags: tagsOf(input.tags),
      ...cloudFields(input),
      ...(input.publish !== undefined ? { publish: input.publish } : {}),
      ...(input.versionDescription !== undefined ? { versionDescription: input.versionDescription } : {}),
    });
    return compact({ stateMachineArn: record.arn, creationDate: date(record.creationDate), stateMachineVersionArn: version?.arn });
  },

  async UpdateStateMachine(input, { deps, scope }) {
    const ref = stateMachineRef(input.stateMachineArn!);
    if (ref.kind !== 'stateMachine') throw new ApiError('ValidationException', 'Service does not support updating state machine versions or aliases; update the state machine itself.');
    if (input.definition === undefined && input.roleArn === undefined && input.loggingConfiguration === undefined && input.tracingConfiguration === undefined && input.encryptionConfiguration === undefined) {
      throw new ApiError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, the EncryptionConfiguration or the TracingConfiguration must be specified');
    }
    if (input.versionDescription !== undefined && !input.publish) throw new ApiError('ValidationException', 'Version description can only be set when publish is true');
    if (!inScope(ref.arn, scope)) throw smDoesNotExist(ref.arn);
    if (input.roleArn !== undefined) checkRoleArn(input.roleArn);
    if (input.definition !== undefined) requireValidDefinition(deps.definitions, input.definition);
    const { record, version } = await deps.registry.updateStateMachine(ref.name, {
      ...cloudFields(input),
      ...(input.definition !== undefined ? { definition: input.definition } : {}),
      ...(input.roleArn !== undefined ? { roleArn: input.roleArn } : {}),
      ...(input.publish !== undefined ? { publish: input.publish } : {}),
      ...(input.versionDescription !== undefined ? { versionDescription: input.versionDescription } : {}),
    });
    return compact({ updateDate: date(record.updateDate), revisionId: record.revisionId, stateMachineVersionArn: version?.arn });
  },

  async DescribeStateMachine(input, { deps, scope }) {
    const ref = stateMachineRef(input.stateMachineArn!);
    if (!inScope(ref.arn, scope)) throw smDoesNotExist(ref.arn);
    if (ref.kind === 'alias') throw invalidArn(ref.arn);
    const sm = await currentMachine(deps, ref.name);
    if (!sm) throw smDoesNotExist(ref.arn);
    if (ref.kind === 'stateMachine') return describeMachine(sm);
    const v = await deps.registry.getVersion(ref.name, ref.version);
    if (!v) throw smDoesNotExist(ref.arn);
    return compact({
      ...describeMachine({ ...sm, ...v, name: sm.name, arn: v.arn, creationDate: v.creationDate }),
      description: v.description,
    });
  },

  async DeleteStateMachine(input, { deps, scope }) {
    const ref = stateMachineRef(input.stateMachineArn!);
    if (ref.kind !== 'stateMachine') throw new ApiError('ValidationException', 'Service does not support deleting state machine versions or aliases with DeleteStateMachine; use DeleteStateMachineVersion or DeleteStateMachineAlias.');
    if (inScope(ref.arn, scope)) await deps.registry.deleteStateMachine(ref.name, terminateRunning(deps));
    return {};
  },

  async ListStateMachines(input, { deps }) {
    const after = input.nextToken !== undefined ? decodePageToken('stateMachines', input.nextToken) : undefined;
    const page = await deps.registry.listStateMachines(pageSize(input.maxResults), after);
    const items = (await Promise.all(page.items.map((sm) => settle(deps, sm)))).filter((sm): sm is StateMachineRecord => sm !== undefined);
    return compact({
      stateMachines: items.map((sm) => ({ stateMachineArn: sm.arn, name: sm.name, type: sm.type, creationDate: date(sm.creationDate) })),
      nextToken: page.cursor !== undefined ? encodePageToken('stateMachines', page.cursor) : undefined,
    });
  },

  async ValidateStateMachineDefinition(input, { deps }) {
    const all = diagnose(deps.definitions, input.definition!);
    const shown = input.severity === 'WARNING' ? all : all.filter((d) => d.severity === 'ERROR');
    const max = input.maxResults === undefined || input.maxResults === 0 ? 100 : input.maxResults;
    return compact({
      result: all.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
      diagnostics: shown.slice(0, max).map((d) => ({ severity: d.severity, code: d.code, message: d.message, location: d.location })),
      truncated: shown.length > max,
    });
  },
};

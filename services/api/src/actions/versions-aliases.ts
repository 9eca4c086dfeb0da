/**
 * PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion and the alias
 * actions. The registry decides AWS's rules atomically; this file checks ARNs and shapes answers.
 */
import { ApiError, decodePageToken, encodePageToken } from '@stepwise/protocol';
import type { AliasRecord } from '@stepwise/engine';
import { compact, date, inScope, invalidArn, pageSize, smDoesNotExist, stateMachineRef } from './context.js';
import type { Handlers } from './handler.js';

function paged<T>(items: readonly T[], kind: string, maxResults: number | undefined, nextToken: string | undefined): { items: readonly T[]; nextToken?: string } {
  const offset = nextToken !== undefined ? Number(decodePageToken(kind, nextToken)) : 0;
  const size = pageSize(maxResults);
  const page = items.slice(offset, offset + size);
  return offset + size < items.length ? { items: page, nextToken: encodePageToken(kind, String(offset + size)) } : { items: page };
}

function aliasRef(arn: string) {
  const ref = stateMachineRef(arn);
  if (ref.kind !== 'alias') throw invalidArn(arn);
  return ref;
}

function describeAlias(a: AliasRecord) {
  return compact({
    stateMachineAliasArn: a.arn,
    name: a.name,
    description: a.description,
    routingConfiguration: a.routingConfiguration,
    creationDate: date(a.creationDate),
    updateDate: date(a.updateDate),
  });
}

function notFound(arn: string): ApiError {
  return new ApiError('ResourceNotFound', `Resource not found: '${arn}'`, { resourceName: arn });
}

export const versionAliasHandlers: Handlers<
  | 'PublishStateMachineVersion' | 'ListStateMachineVersions' | 'DeleteStateMachineVersion'
  | 'CreateStateMachineAlias' | 'DescribeStateMachineAlias' | 'UpdateStateMachineAlias' | 'DeleteStateMachineAlias' | 'ListStateMachineAliases'
> = {
  async PublishStateMachineVersion(input, { deps, scope }) {
    const ref = stateMachineRef(input.stateMachineArn!);
    if (ref.kind !== 'stateMachine') throw invalidArn(ref.arn);
    if (!inScope(ref.arn, scope)) throw smDoesNotExist(ref.arn);
    const v = await deps.registry.publishVersion(ref.name, input.revisionId, input.description);
    return { stateMachineVersionArn: v.arn, creationDate: date(v.creationDate) };
  },

  async ListStateMachineVersions(input, { deps, scope }) {
    const ref = stateMachineRef(input.stateMachineArn!);
    if (ref.kind !== 'stateMachine') throw invalidArn(ref.arn);
    const versions = inScope(ref.arn, scope) ? await deps.registry.listVersions(ref.name) : [];
    const page = paged(versions, `versions:${ref.name}`, input.maxResults, input.nextToken);
    return compact({ stateMachineVersions: page.items.map((v) => ({ stateMachineVersionArn: v.arn, creationDate: date(v.creationDate) })), nextToken: page.nextToken });
  },

  async DeleteStateMachineVersion(input, { deps, scope }) {
    const ref = stateMachineRef(input.stateMachineVersionArn!);
    if (ref.kind !== 'version') throw invalidArn(ref.arn);
    if (inScope(ref.arn, scope)) await deps.registry.deleteVersion(ref.name, ref.version);
    return {};
  },

  async CreateStateMachineAlias(input, { deps, scope }) {
    const routing = (input.routingConfiguration ?? []).map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn!, weight: r.weight! }));
    const first = routing[0];
    if (!first) throw new ApiError('ValidationException', 'Routing configuration must have at least one entry.');
    const ref = stateMachineRef(first.stateMachineVersionArn);
    if (ref.kind !== 'version') throw invalidArn(first.stateMachineVersionArn);
    if (!inScope(ref.arn, scope)) throw notFound(ref.arn);
    const sm = await deps.registry.getStateMachine(ref.name);
    if (!sm) throw notFound(ref.arn);
    const alias = await deps.registry.createAlias(ref.name, input.name!, routing, input.description);
    return { stateMachineAliasArn: alias.arn, creationDate: date(alias.creationDate) };
  },

  async DescribeStateMachineAlias(input, { deps, scope }) {
    const ref = aliasRef(input.stateMachineAliasArn!);
    const a = inScope(ref.arn, scope) ? await deps.registry.getAlias(ref.name, ref.alias) : undefined;
    if (!a) throw notFound(ref.arn);
    return describeAlias(a);
  },

  async UpdateStateMachineAlias(input, { deps, scope }) {
    const ref = aliasRef(input.stateMachineAliasArn!);
    if (input.description === undefined && input.routingConfiguration === undefined) {
      throw new ApiError('ValidationException', 'Either the description or the RoutingConfiguration must be specified');
    }
    if (!inScope(ref.arn, scope)) throw notFound(ref.arn);
    const a = await deps.registry.updateAlias(ref.name, ref.alias, {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.routingConfiguration ? { routingConfiguration: input.routingConfiguration.map((r) => ({ stateMachineVersionArn: r.stateMachineVersionArn!, weight: r.weight! })) } : {}),
    });
    return { updateDate: date(a.updateDate) };
  },

  async DeleteStateMachineAlias(input, { deps, scope }) {
    const ref = aliasRef(input.stateMachineAliasArn!);
    if (!inScope(ref.arn, scope)) throw notFound(ref.arn);
    await deps.registry.deleteAlias(ref.name, ref.alias);
    return {};
  },

  async ListStateMachineAliases(input, { deps, scope }) {
    const ref = stateMachineRef(input.stateMachineArn!);
    if (ref.kind === 'alias') throw invalidArn(ref.arn);
    if (!inScope(ref.arn, scope) || !(await deps.registry.getStateMachine(ref.name))) throw smDoesNotExist(ref.arn);
    let aliases = await deps.registry.listAliases(ref.name);
    // For a version ARN, AWS lists the aliases that route to that version.
    if (ref.kind === 'version') aliases = aliases.filter((a) => a.routingConfiguration.some((r) => r.stateMachineVersionArn === ref.arn));
    const page = paged(aliases, `aliases:${ref.arn}`, input.maxResults, input.nextToken);
    return compact({ stateMachineAliases: page.items.map((a) => ({ stateMachineAliasArn: a.arn, creationDate: date(a.creationDate) })), nextToken: page.nextToken });
  },
};

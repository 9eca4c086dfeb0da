/**
 * ARNs in AWS's exact shapes, built and parsed in one place. Region and account id come from
 * configuration (local defaults us-east-1 / 123456789012), so ARNs look like AWS's and clients
 * that parse them keep working.
 */
export interface ArnScope {
  readonly partition?: string;
  readonly region: string;
  readonly accountId: string;
}

const NAME_RE = /^[A-Za-z0-9_-]{1,80}$/;

/** AWS: names of state machines, executions and activities are 1-80 characters of [A-Za-z0-9_-]. */
export function isValidResourceName(name: string): boolean {
  return NAME_RE.test(name);
}

function base(scope: ArnScope): string {
  return `arn:${scope.partition ?? 'aws'}:states:${scope.region}:${scope.accountId}`;
}

export const arns = {
  stateMachine: (s: ArnScope, name: string) => `${base(s)}:stateMachine:${name}`,
  stateMachineVersion: (s: ArnScope, name: string, version: number) => `${base(s)}:stateMachine:${name}:${version}`,
  stateMachineAlias: (s: ArnScope, name: string, alias: string) => `${base(s)}:stateMachine:${name}:${alias}`,
  execution: (s: ArnScope, stateMachineName: string, executionName: string) => `${base(s)}:execution:${stateMachineName}:${executionName}`,
  expressExecution: (s: ArnScope, stateMachineName: string, executionName: string) => `${base(s)}:express:${stateMachineName}:${executionName}`,
  mapRun: (s: ArnScope, stateMachineName: string, executionName: string, mapRunId: string) => `${base(s)}:mapRun:${stateMachineName}/${executionName}:${mapRunId}`,
  activity: (s: ArnScope, name: string) => `${base(s)}:activity:${name}`,
} as const;

export type ArnResource = 'stateMachine' | 'execution' | 'express' | 'activity' | 'mapRun';

export interface ParsedArn {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: ArnResource;
  /** Everything after `resource:`, split on ':' (a state machine ARN has 1 part, or 2 with a version or alias). */
  readonly parts: readonly string[];
}

/** Parses a Step Functions ARN; undefined when it is not one. */
export function parseArn(arn: string): ParsedArn | undefined {
  const m = /^arn:([a-z-]+):states:([a-z0-9-]*):(\d{12}|[^:]*):(stateMachine|execution|express|activity|mapRun):(.+)$/.exec(arn);
  if (!m) return undefined;
  const [, partition, region, accountId, resource, rest] = m;
  if (partition === undefined || region === undefined || accountId === undefined || resource === undefined || rest === undefined) return undefined;
  return { partition, region, accountId, resource: resource as ArnResource, parts: rest.split(':') };
}

/** The state machine ARN (without version or alias) that a state machine, version or alias ARN names. */
export function baseStateMachineArn(arn: string): string | undefined {
  const p = parseArn(arn);
  if (!p || p.resource !== 'stateMachine' || !p.parts[0]) return undefined;
  return `arn:${p.partition}:states:${p.region}:${p.accountId}:stateMachine:${p.parts[0]}`;
}

/** The state machine ARN an execution ARN belongs to. */
export function stateMachineArnOfExecution(executionArn: string): string | undefined {
  const p = parseArn(executionArn);
  if (!p || (p.resource !== 'execution' && p.resource !== 'express') || !p.parts[0]) return undefined;
  return `arn:${p.partition}:states:${p.region}:${p.accountId}:stateMachine:${p.parts[0]}`;
}

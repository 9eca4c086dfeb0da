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

// AWS: a name must not contain white space, brackets < > { } [ ], wildcards ? *, the characters
// " # % \ ^ | ~ ` $ & , ; : / or control characters (U+0000-001F, U+007F-009F).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_NAME_CHARS = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** AWS's rule for names of state machines, executions and activities: 1-80 characters, none forbidden. */
export function isValidResourceName(name: string): boolean {
  const len = [...name].length;
  return len >= 1 && len <= 80 && !FORBIDDEN_NAME_CHARS.test(name);
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

/** What a state machine ARN names: the state machine itself, one of its versions, or an alias. */
export type StateMachineRef =
  | { readonly kind: 'stateMachine'; readonly arn: string; readonly name: string }
  | { readonly kind: 'version'; readonly arn: string; readonly name: string; readonly version: number; readonly baseArn: string }
  | { readonly kind: 'alias'; readonly arn: string; readonly name: string; readonly alias: string; readonly baseArn: string };

/** Classifies a `stateMachine` ARN; undefined when the ARN is not a state machine, version or alias ARN. */
export function parseStateMachineRef(arn: string): StateMachineRef | undefined {
  const p = parseArn(arn);
  if (!p || p.resource !== 'stateMachine' || p.parts.length > 2) return undefined;
  const [name, qualifier] = p.parts;
  if (!name) return undefined;
  const baseArn = `arn:${p.partition}:states:${p.region}:${p.accountId}:stateMachine:${name}`;
  if (qualifier === undefined) return { kind: 'stateMachine', arn, name };
  if (/^[1-9]\d{0,8}$/.test(qualifier)) return { kind: 'version', arn, name, version: Number(qualifier), baseArn };
  if (/^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]{1,80}$/.test(qualifier)) return { kind: 'alias', arn, name, alias: qualifier, baseArn };
  return undefined;
}

/** The name of an activity ARN; undefined when the ARN is not an activity ARN. */
export function activityNameOf(arn: string): string | undefined {
  const p = parseArn(arn);
  if (!p || p.resource !== 'activity' || p.parts.length !== 1) return undefined;
  return p.parts[0];
}

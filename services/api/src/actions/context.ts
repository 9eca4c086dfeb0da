/**
 * What every action handler receives, and small helpers shared by handlers: the ARN scope from
 * configuration, page sizes, epoch-ms → Date (the routers render Dates as AWS epoch seconds or
 * ISO 8601), and ARN checks that answer AWS's InvalidArn.
 */
import { ApiError, isValidResourceName, parseArn, parseStateMachineRef, type ArnScope, type StateMachineRef } from '@stepwise/protocol';
import type { AppDeps, ApiLogger } from '../deps.js';

export interface ActionContext {
  readonly deps: AppDeps;
  readonly scope: ArnScope;
  readonly requestId: string;
  /** Aborted when the client goes away (GetActivityTask's long poll stops waiting). */
  readonly signal: AbortSignal;
  readonly log: ApiLogger;
  /** The caller's trace context (`X-Amzn-Trace-Id`, else W3C `traceparent`), for StartExecution's traceHeader. */
  readonly traceHeader?: string;
}

/** AWS lists answer 100 items when maxResults is absent or 0. */
export function pageSize(maxResults: number | undefined): number {
  return maxResults === undefined || maxResults === 0 ? 100 : maxResults;
}

export function date(ms: number): Date;
export function date(ms: number | undefined): Date | undefined;
export function date(ms: number | undefined): Date | undefined {
  return ms === undefined ? undefined : new Date(ms);
}

export function invalidArn(arn: string): ApiError {
  return new ApiError('InvalidArn', `Invalid Arn: '${arn}'`);
}

/** Does this ARN belong to this deployment's partition, region and account? */
export function inScope(arn: string, scope: ArnScope): boolean {
  const p = parseArn(arn);
  return p !== undefined && p.partition === (scope.partition ?? 'aws') && p.region === scope.region && p.accountId === scope.accountId;
}

export function stateMachineRef(arn: string): StateMachineRef {
  const ref = parseStateMachineRef(arn);
  if (!ref) throw invalidArn(arn);
  return ref;
}

export function executionArnCheck(arn: string): string {
  const p = parseArn(arn);
  if (!p || (p.resource !== 'execution' && p.resource !== 'express') || p.parts.length < 2) throw invalidArn(arn);
  return arn;
}

/**
 * An execution ARN of this deployment. One of another region or account names no execution here
 * (an AWS endpoint knows only its own region's), even when one of the same name runs in this scope.
 */
export function executionInScope(arn: string, scope: ArnScope): string {
  executionArnCheck(arn);
  if (!inScope(arn, scope)) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  return arn;
}

/** A map run ARN of this deployment; one of another region or account is not found, as above. */
export function mapRunInScope(arn: string, scope: ArnScope): string {
  if (parseArn(arn)?.resource !== 'mapRun') throw invalidArn(arn);
  if (!inScope(arn, scope)) throw new ApiError('ResourceNotFound', `Map Run Does Not Exist: '${arn}'`, { resourceName: arn });
  return arn;
}

export function smDoesNotExist(arn: string): ApiError {
  return new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
}

/** Drops undefined members, so responses carry only what is set (as AWS's do). */
export function compact<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * AWS's name rule, plus one Stepwise limit for state machines and executions: the engine keys an
 * execution by `<machine>.<execution>`, so '.' is refused there with a message saying why.
 */
export function checkName(name: string, kind: 'stateMachine' | 'execution' | 'activity'): void {
  if (!isValidResourceName(name)) throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
  if (kind !== 'activity' && name.includes('.')) {
    throw new ApiError('InvalidName', `Invalid Name: '${name}' (Stepwise does not accept '.' in state machine and execution names)`);
  }
}

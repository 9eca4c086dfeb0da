/**
 * ListExecutions by a version or alias ARN. AWS associates an execution with the version or alias
 * ARN it was started through (an alias start with the alias and the version it routed to); the
 * engine indexes executions by base state machine ARN only, so the api records the qualified
 * ARNs at StartExecution in the registry and pages over that index here, describing each
 * execution for its status and filters.
 */
import { decodePageToken, encodePageToken } from '@stepwise/protocol';
import type { ExecutionDescription, ExecutionStatus } from '@stepwise/engine';
import type { AppDeps } from '../deps.js';
import { compact, date } from './context.js';

const TOKEN_KIND = 'qualified-executions';

/** After StartExecution: remember the version and alias ARNs the execution was started through. */
export async function indexQualifiedStart(deps: AppDeps, target: { readonly stateMachineVersionArn?: string; readonly stateMachineAliasArn?: string }, executionArn: string, startDate: number): Promise<void> {
  const qualified = [target.stateMachineVersionArn, target.stateMachineAliasArn].filter((a): a is string => a !== undefined);
  await deps.registry.indexQualifiedExecution(qualified, executionArn, startDate);
}

export interface QualifiedListQuery {
  readonly qualifiedArn: string;
  readonly statusFilter?: ExecutionStatus;
  readonly redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN';
  readonly maxResults: number;
  readonly nextToken?: string;
}

function keep(d: ExecutionDescription, q: QualifiedListQuery): boolean {
  if (q.statusFilter !== undefined && d.status !== q.statusFilter) return false;
  if (q.redriveFilter === 'REDRIVEN' && d.redriveCount === 0) return false;
  if (q.redriveFilter === 'NOT_REDRIVEN' && d.redriveCount > 0) return false;
  return true;
}

export async function listQualifiedExecutions(deps: AppDeps, q: QualifiedListQuery): Promise<{ executions: object[]; nextToken?: string }> {
  let offset = q.nextToken !== undefined ? Number(decodePageToken(TOKEN_KIND, q.nextToken)) : 0;
  const out: object[] = [];
  for (;;) {
    const arns = await deps.registry.listQualifiedExecutions(q.qualifiedArn, offset, q.maxResults);
    if (arns.length === 0) return { executions: out };
    const described = await Promise.all(arns.map((a) => deps.engine.describeExecution(a).catch(() => undefined)));
    for (const d of described) {
      offset++;
      if (!d || !keep(d, q)) continue;
      out.push(
        compact({
          executionArn: d.executionArn,
          stateMachineArn: d.stateMachineArn,
          name: d.name,
          status: d.status,
          startDate: date(d.startDate),
          stopDate: date(d.stopDate),
          stateMachineVersionArn: d.stateMachineVersionArn,
          stateMachineAliasArn: d.stateMachineAliasArn,
          redriveCount: d.redriveCount,
        }),
      );
      if (out.length === q.maxResults) return { executions: out, nextToken: encodePageToken(TOKEN_KIND, String(offset)) };
    }
  }
}

/**
 * Response bodies of the REST routes the console calls. The OpenAPI document types every request
 * (see schema.d.ts, generated) but declares responses only as `object`, so their members are
 * written here with AWS's names (REST answers the AWS response members, timestamps as ISO 8601).
 * When the document gains response schemas these become aliases of the generated ones.
 */
export type Timestamp = string | number;
export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';

export interface StateMachineListItem {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly creationDate: Timestamp;
}

export interface StateMachineDescription {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status?: string;
  readonly definition: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly creationDate: Timestamp;
  readonly roleArn?: string;
  readonly revisionId?: string;
  readonly description?: string;
}

export interface ExecutionListItem {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Timestamp;
  readonly stopDate?: Timestamp;
  readonly redriveCount?: number;
}

export interface ExecutionDescription extends ExecutionListItem {
  readonly input?: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly redriveStatus?: string;
  readonly redriveStatusReason?: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
}

export interface WaitingTaskItem {
  readonly taskToken: string;
  readonly executionArn: string;
  readonly stateName: string;
  readonly resource: string;
  readonly input: string;
  readonly since: Timestamp;
  readonly deadline?: Timestamp;
  readonly kind: 'activity' | 'callback' | 'approval';
}

export interface ActivityListItem {
  readonly activityArn: string;
  readonly name: string;
  readonly creationDate: Timestamp;
}

export interface HistoryEventItem {
  readonly id: number;
  readonly previousEventId?: number;
  readonly timestamp: Timestamp;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface Responses {
  ListStateMachines: { stateMachines: StateMachineListItem[]; nextToken?: string };
  DescribeStateMachine: StateMachineDescription;
  CreateStateMachine: { stateMachineArn: string; creationDate: Timestamp; stateMachineVersionArn?: string };
  UpdateStateMachine: { updateDate: Timestamp; revisionId?: string; stateMachineVersionArn?: string };
  ListStateMachineVersions: { stateMachineVersions: { stateMachineVersionArn: string; creationDate: Timestamp }[]; nextToken?: string };
  ListStateMachineAliases: { stateMachineAliases: { stateMachineAliasArn: string; creationDate: Timestamp }[]; nextToken?: string };
  StartExecution: { executionArn: string; startDate: Timestamp };
  ListExecutions: { executions: ExecutionListItem[]; nextToken?: string };
  DescribeExecution: ExecutionDescription;
  GetExecutionHistory: { events: HistoryEventItem[]; nextToken?: string };
  DescribeStateMachineForExecution: { stateMachineArn: string; name: string; definition: string };
  StopExecution: { stopDate: Timestamp };
  RedriveExecution: { redriveDate: Timestamp };
  ListWaitingTasks: { tasks: WaitingTaskItem[]; nextToken?: string };
  ListActivities: { activities: ActivityListItem[]; nextToken?: string };
  Empty: Record<string, never>;
}

export function toMs(t: Timestamp | undefined): number | undefined {
  if (t === undefined) return undefined;
  if (typeof t === 'number') return t < 1e11 ? t * 1000 : t;
  const n = Date.parse(t);
  return Number.isNaN(n) ? undefined : n;
}

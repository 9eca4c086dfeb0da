/**
 * What the api (and the all-in-one process) asks of the durable engine. The api owns the
 * registry of state machines, versions, aliases and activities; it resolves a state machine (or
 * version/alias) to its definition and hands it here. Everything about executions lives behind
 * this interface: one implementation serves the AWS protocol, REST and the console alike.
 *
 * Errors that the api must answer in AWS's shape are thrown as EngineError with AWS's error name
 * (ExecutionDoesNotExist, ExecutionAlreadyExists, ExecutionNotRedrivable, TaskDoesNotExist,
 * InvalidToken, TaskTimedOut, InvalidExecutionInput, InvalidDefinition, ValidationException, ...).
 */

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
export type StateMachineType = 'STANDARD' | 'EXPRESS';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    /** AWS's error name, used as `__type` by the api. */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StartExecutionRequest {
  readonly stateMachineArn: string; // the base state machine ARN
  readonly stateMachineName: string;
  /** The version or alias ARN the caller started, when it named one (DescribeExecution returns them). */
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  readonly definition: string; // definition JSON text, already validated by the api
  readonly type: StateMachineType;
  readonly name?: string; // execution name; generated (UUID) when absent
  readonly input: string; // JSON text ('{}' when absent)
  readonly roleArn?: string;
  readonly traceHeader?: string; // W3C traceparent or X-Amzn-Trace-Id
  /** Local testing: the MockConfigFile test case chosen with `<stateMachineArn>#<TestCase>`. */
  readonly mockTestCase?: string;
}

export interface StartExecutionResult {
  readonly executionArn: string;
  readonly startDate: number; // epoch ms
}

export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly traceHeader?: string;
  readonly redriveCount: number;
  readonly redriveDate?: number;
  readonly redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';
  readonly redriveStatusReason?: string;
  readonly mapRunArn?: string;
  /** The definition the execution runs (DescribeStateMachineForExecution). */
  readonly definition: string;
}

export interface ExecutionListItem {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: number;
  readonly stopDate?: number;
  readonly redriveCount: number;
  readonly redriveDate?: number;
  /** Set when listed by mapRunArn: the Distributed Map run the child execution belongs to. */
  readonly mapRunArn?: string;
  /** The version or alias ARN the execution was started through, when it was. */
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** A history event exactly as GetExecutionHistory returns it (timestamp in epoch ms). */
export interface StoredHistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
  readonly timestamp: number;
  readonly [details: string]: unknown;
}

export interface SyncExecutionResult {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  readonly startDate: number;
  readonly stopDate: number;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  readonly billingDetails: { readonly billedMemoryUsedInMB: number; readonly billedDurationInMilliseconds: number };
}

/** A task waiting for the outside world: an activity worker or a person (task token). */
export interface WaitingTask {
  readonly taskToken: string;
  readonly executionArn: string;
  readonly stateName: string;
  readonly resource: string;
  readonly input: string; // the Parameters/Arguments the task was given (JSON text)
  readonly since: number; // epoch ms
  readonly deadline?: number; // epoch ms, from TimeoutSeconds
  readonly kind: 'activity' | 'callback' | 'approval';
}

export interface MapRunDescription {
  readonly mapRunArn: string;
  readonly executionArn: string;
  readonly status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  readonly startDate: number;
  readonly stopDate?: number;
  readonly maxConcurrency: number;
  readonly toleratedFailurePercentage: number;
  readonly toleratedFailureCount: number;
  readonly itemCounts: Readonly<Record<'pending' | 'running' | 'succeeded' | 'failed' | 'timedOut' | 'aborted' | 'total' | 'resultsWritten' | 'failuresNotRedrivable' | 'pendingRedrive', number>>;
  readonly executionCounts: Readonly<Record<'pending' | 'running' | 'succeeded' | 'failed' | 'timedOut' | 'aborted' | 'total' | 'resultsWritten' | 'failuresNotRedrivable' | 'pendingRedrive', number>>;
  readonly redriveCount: number;
  readonly redriveDate?: number;
}

export interface ExecutionEngine {
  startExecution(req: StartExecutionRequest): Promise<StartExecutionResult>;
  /** EXPRESS only: runs to the end in memory and returns the result inline. */
  startSyncExecution(req: StartExecutionRequest): Promise<SyncExecutionResult>;
  stopExecution(executionArn: string, error?: string, cause?: string): Promise<{ readonly stopDate: number }>;
  describeExecution(executionArn: string): Promise<ExecutionDescription>;
  listExecutions(q: {
    /** A state machine ARN, or a version or alias ARN (the executions started through it). */
    readonly stateMachineArn?: string;
    readonly mapRunArn?: string;
    readonly statusFilter?: ExecutionStatus;
    readonly redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN';
    readonly maxResults?: number;
    readonly nextToken?: string;
  }): Promise<Page<ExecutionListItem>>;
  /** Whether any execution of this state machine (or version or alias) ARN is RUNNING (DeleteStateMachine waits for none). */
  hasRunningExecutions(stateMachineArn: string): Promise<boolean>;
  /**
   * DeleteStateMachine: every execution of this state machine ARN (through any version or alias)
   * fails with States.Runtime at its next state transition. Answers whether any still runs.
   * `startedSince` (ms): only those started then or later (a settle re-marking late starts).
   */
  markStateMachineDeleted(stateMachineArn: string, startedSince?: number): Promise<boolean>;
  getExecutionHistory(
    executionArn: string,
    q: { readonly maxResults?: number; readonly nextToken?: string; readonly reverseOrder?: boolean; readonly includeExecutionData?: boolean },
  ): Promise<Page<StoredHistoryEvent>>;
  redriveExecution(executionArn: string): Promise<{ readonly redriveDate: number }>;

  sendTaskSuccess(taskToken: string, output: string): Promise<void>;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): Promise<void>;
  sendTaskHeartbeat(taskToken: string): Promise<void>;
  /** Long poll: resolves with a task or undefined after waitMs (AWS: 60 s). */
  getActivityTask(activityArn: string, workerName: string | undefined, waitMs: number, signal?: AbortSignal): Promise<{ readonly taskToken: string; readonly input: string } | undefined>;
  /** Tasks waiting for a worker or a person (REST and the console's inbox). */
  listWaitingTasks(q: { readonly executionArn?: string; readonly activityArn?: string; readonly kind?: WaitingTask['kind']; readonly maxResults?: number; readonly nextToken?: string }): Promise<Page<WaitingTask>>;

  describeMapRun(mapRunArn: string): Promise<MapRunDescription>;
  listMapRuns(executionArn: string, q: { readonly maxResults?: number; readonly nextToken?: string }): Promise<Page<{ readonly mapRunArn: string; readonly executionArn: string; readonly stateMachineArn: string; readonly startDate: number; readonly stopDate?: number }>>;
  updateMapRun(mapRunArn: string, u: { readonly maxConcurrency?: number; readonly toleratedFailurePercentage?: number; readonly toleratedFailureCount?: number }): Promise<void>;

  /** Time control for local/test use (refused unless the time scale is on): fire a waiting timer of an execution now. */
  fireTimerNow(executionArn: string): Promise<boolean>;
  close(): Promise<void>;
}

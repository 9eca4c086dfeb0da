/**
 * Response bodies of the REST API in JSON Schema (OpenAPI 3.1): the AWS response members with
 * AWS's names, timestamps as ISO 8601 strings. openapi.ts attaches them to each operation so
 * generated clients (the console's) are typed end to end.
 */
type Schema = { readonly [k: string]: unknown };

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const ts = { type: 'string', format: 'date-time' } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, unknown>, required: readonly string[] = []): Schema => ({ type: 'object', properties, ...(required.length > 0 ? { required } : {}) });
const list = (member: string, item: Schema): Schema => obj({ [member]: { type: 'array', items: item }, nextToken: str }, [member]);
const status = { type: 'string', enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] } as const;
const smType = { type: 'string', enum: ['STANDARD', 'EXPRESS'] } as const;
const counts = obj(Object.fromEntries(['pending', 'running', 'succeeded', 'failed', 'timedOut', 'aborted', 'total', 'resultsWritten', 'failuresNotRedrivable', 'pendingRedrive'].map((k) => [k, int])));

export const responseSchemas: Readonly<Record<string, Schema>> = {
  StateMachineListItem: obj({ stateMachineArn: str, name: str, type: smType, creationDate: ts }, ['stateMachineArn', 'name', 'type', 'creationDate']),
  StateMachineDescription: obj(
    { stateMachineArn: str, name: str, status: { type: 'string', enum: ['ACTIVE', 'DELETING'] }, definition: str, roleArn: str, type: smType, creationDate: ts, loggingConfiguration: { type: 'object' }, tracingConfiguration: { type: 'object' }, encryptionConfiguration: { type: 'object' }, revisionId: str, description: str, label: str },
    ['stateMachineArn', 'name', 'definition', 'roleArn', 'type', 'creationDate'],
  ),
  ExecutionListItem: obj({ executionArn: str, stateMachineArn: str, name: str, status, startDate: ts, stopDate: ts, redriveCount: int, redriveDate: ts, mapRunArn: str, itemCount: int, stateMachineVersionArn: str, stateMachineAliasArn: str }, ['executionArn', 'stateMachineArn', 'name', 'status', 'startDate']),
  ExecutionDescription: obj(
    {
      executionArn: str, stateMachineArn: str, name: str, status, startDate: ts, stopDate: ts, input: str, inputDetails: obj({ included: bool }), output: str, outputDetails: obj({ included: bool }),
      error: str, cause: str, traceHeader: str, mapRunArn: str, stateMachineVersionArn: str, stateMachineAliasArn: str, redriveCount: int, redriveDate: ts,
      redriveStatus: { type: 'string', enum: ['REDRIVABLE', 'NOT_REDRIVABLE', 'REDRIVABLE_BY_MAP_RUN'] }, redriveStatusReason: str,
    },
    ['executionArn', 'stateMachineArn', 'status', 'startDate'],
  ),
  HistoryEvent: { ...obj({ id: int, previousEventId: int, type: str, timestamp: ts }, ['id', 'type', 'timestamp']), additionalProperties: true, description: 'AWS history event: `<type>EventDetails` members as in GetExecutionHistory.' },
  WaitingTask: obj(
    { taskToken: str, executionArn: str, stateName: str, resource: str, input: { type: 'string', description: 'JSON text the task was given' }, since: ts, deadline: ts, kind: { type: 'string', enum: ['activity', 'callback', 'approval'] } },
    ['taskToken', 'executionArn', 'stateName', 'resource', 'input', 'since', 'kind'],
  ),
  ActivityListItem: obj({ activityArn: str, name: str, creationDate: ts }, ['activityArn', 'name', 'creationDate']),
  SyncExecutionResult: obj(
    { executionArn: str, stateMachineArn: str, name: str, startDate: ts, stopDate: ts, status: { type: 'string', enum: ['SUCCEEDED', 'FAILED', 'TIMED_OUT'] }, error: str, cause: str, input: str, output: str, traceHeader: str, billingDetails: obj({ billedMemoryUsedInMB: int, billedDurationInMilliseconds: int }) },
    ['executionArn', 'startDate', 'stopDate', 'status'],
  ),
  MapRunDescription: obj({ mapRunArn: str, executionArn: str, status: str, startDate: ts, stopDate: ts, maxConcurrency: int, toleratedFailurePercentage: { type: 'number' }, toleratedFailureCount: int, itemCounts: counts, executionCounts: counts, redriveCount: int, redriveDate: ts }, ['mapRunArn', 'executionArn', 'status', 'startDate']),
};

/** The 2xx body of each REST operation, by operationId. */
export const operationResponses: Readonly<Record<string, Schema>> = {
  ListStateMachines: list('stateMachines', ref('StateMachineListItem')),
  CreateStateMachine: obj({ stateMachineArn: str, creationDate: ts, stateMachineVersionArn: str }, ['stateMachineArn', 'creationDate']),
  ValidateStateMachineDefinition: obj({ result: { type: 'string', enum: ['OK', 'FAIL'] }, diagnostics: { type: 'array', items: obj({ severity: { type: 'string', enum: ['ERROR', 'WARNING'] }, code: str, message: str, location: str }, ['severity', 'code', 'message']) }, truncated: bool }, ['result', 'diagnostics']),
  DescribeStateMachine: ref('StateMachineDescription'),
  UpdateStateMachine: obj({ updateDate: ts, revisionId: str, stateMachineVersionArn: str }, ['updateDate']),
  DeleteStateMachine: obj({}),
  ListStateMachineVersions: list('stateMachineVersions', obj({ stateMachineVersionArn: str, creationDate: ts }, ['stateMachineVersionArn', 'creationDate'])),
  PublishStateMachineVersion: obj({ stateMachineVersionArn: str, creationDate: ts }, ['stateMachineVersionArn', 'creationDate']),
  ListStateMachineAliases: list('stateMachineAliases', obj({ stateMachineAliasArn: str, creationDate: ts }, ['stateMachineAliasArn', 'creationDate'])),
  DeleteStateMachineVersion: obj({}),
  CreateStateMachineAlias: obj({ stateMachineAliasArn: str, creationDate: ts }, ['stateMachineAliasArn', 'creationDate']),
  DescribeStateMachineAlias: obj({ stateMachineAliasArn: str, name: str, description: str, routingConfiguration: { type: 'array', items: obj({ stateMachineVersionArn: str, weight: int }, ['stateMachineVersionArn', 'weight']) }, creationDate: ts, updateDate: ts }),
  UpdateStateMachineAlias: obj({ updateDate: ts }, ['updateDate']),
  DeleteStateMachineAlias: obj({}),
  ListExecutions: list('executions', ref('ExecutionListItem')),
  StartExecution: obj({ executionArn: str, startDate: ts }, ['executionArn', 'startDate']),
  StartSyncExecution: ref('SyncExecutionResult'),
  DescribeExecution: ref('ExecutionDescription'),
  GetExecutionHistory: list('events', ref('HistoryEvent')),
  DescribeStateMachineForExecution: obj({ stateMachineArn: str, name: str, definition: str, roleArn: str, updateDate: ts, revisionId: str, mapRunArn: str }, ['stateMachineArn', 'name', 'definition', 'roleArn', 'updateDate']),
  StopExecution: obj({ stopDate: ts }, ['stopDate']),
  RedriveExecution: obj({ redriveDate: ts }, ['redriveDate']),
  ListMapRuns: list('mapRuns', obj({ mapRunArn: str, executionArn: str, stateMachineArn: str, startDate: ts, stopDate: ts }, ['mapRunArn', 'executionArn', 'startDate'])),
  ListWaitingTasksOfExecution: list('tasks', ref('WaitingTask')),
  ListWaitingTasks: list('tasks', ref('WaitingTask')),
  SendTaskSuccess: obj({}),
  SendTaskFailure: obj({}),
  SendTaskHeartbeat: obj({}),
  ListActivities: list('activities', ref('ActivityListItem')),
  CreateActivity: obj({ activityArn: str, creationDate: ts }, ['activityArn', 'creationDate']),
  DescribeActivity: ref('ActivityListItem'),
  DeleteActivity: obj({}),
  GetActivityTask: obj({ taskToken: str, input: str }),
  DescribeMapRun: ref('MapRunDescription'),
  UpdateMapRun: obj({}),
  ListTagsForResource: obj({ tags: { type: 'array', items: obj({ key: str, value: str }, ['key', 'value']) } }, ['tags']),
  TagResource: obj({}),
  UntagResource: obj({}),
  GetSettings: obj({ timeControl: bool, timeScale: { type: 'number' } }, ['timeControl', 'timeScale']),
  FireTimer: obj({ fired: bool }, ['fired']),
  TestState: obj(
    {
      output: str, error: str, cause: str, nextState: str,
      status: { type: 'string', enum: ['SUCCEEDED', 'FAILED', 'RETRIABLE', 'CAUGHT_ERROR'] },
      inspectionData: obj({
        input: str, afterArguments: str, afterInputPath: str, afterParameters: str, result: str, afterResultSelector: str, afterResultPath: str, variables: str,
        errorDetails: obj({ catchIndex: int, retryIndex: int, retryBackoffIntervalSeconds: int }),
        afterItemsPath: str, maxConcurrency: int, toleratedFailureCount: int, toleratedFailurePercentage: { type: 'number' },
      }),
    },
    ['status'],
  ),
};

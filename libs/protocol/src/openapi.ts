/**
 * The OpenAPI 3.1 document of the REST API (served at /openapi.json and rendered at /docs), as
 * data. Request bodies are derived from the action table, so REST documents exactly what the
 * AWS protocol validates; responses carry the AWS response members with ISO 8601 timestamps.
 */
import { actionSpecs, type ActionName } from './aws-json/actions.js';
import type { FieldSpec } from './aws-json/validate.js';
import { apiErrors } from './api-errors.js';
import { operationResponses, responseSchemas } from './openapi-responses.js';

type Schema = { readonly [k: string]: unknown };

function schemaOf(f: FieldSpec): Schema {
  switch (f.t) {
    case 'string':
      return {
        type: 'string',
        ...(f.min !== undefined ? { minLength: f.min } : {}),
        ...(f.max !== undefined ? { maxLength: f.max } : {}),
        ...(f.enum ? { enum: f.enum } : {}),
        ...(f.pattern ? { pattern: f.pattern.source } : {}),
        ...(f.bytes === 'payload' ? { description: 'JSON text (REST also accepts a JSON value); at most STEPWISE_MAX_PAYLOAD_BYTES (256 KiB) in UTF-8.' } : {}),
      };
    case 'integer':
    case 'number':
      return { type: f.t, ...(f.min !== undefined ? { minimum: f.min } : {}), ...(f.max !== undefined ? { maximum: f.max } : {}) };
    case 'boolean':
      return { type: 'boolean' };
    case 'object':
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(f.fields ?? {}).map(([k, v]) => [k, schemaOf(v)])),
        ...(f.required && f.required.length > 0 ? { required: f.required } : {}),
      };
    case 'list':
      return { type: 'array', items: schemaOf(f.item), ...(f.min !== undefined ? { minItems: f.min } : {}), ...(f.max !== undefined ? { maxItems: f.max } : {}) };
  }
}

/** The request body schema of an action, without the members REST takes from the path. */
function bodyOf(action: ActionName, omit: readonly string[] = []): Schema {
  const spec = actionSpecs[action];
  const props = Object.entries(spec.fields).filter(([k]) => !omit.includes(k));
  const required = spec.required.filter((r) => !omit.includes(r));
  return { type: 'object', properties: Object.fromEntries(props.map(([k, v]) => [k, schemaOf(v)])), ...(required.length > 0 ? { required } : {}) };
}

const arnParam = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
const smParam = arnParam('stateMachine', 'State machine ARN (URL-encoded), version or alias ARN, or plain name.');
const execParam = arnParam('executionArn', 'Execution ARN (URL-encoded).');
const versionParam = { name: 'version', in: 'path', required: true, description: 'Version number.', schema: { type: 'integer', minimum: 1 } };
const aliasParam = { name: 'alias', in: 'path', required: true, description: 'Alias name.', schema: { type: 'string' } };
const actParam = arnParam('activity', 'Activity ARN (URL-encoded) or plain name.');
const paging = [
  { name: 'maxResults', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 1000 } },
  { name: 'nextToken', in: 'query', schema: { type: 'string' } },
];
const ok = (description: string, status = '200', operationId?: string) => ({
  [status]: { description, content: { 'application/json': { schema: (operationId !== undefined ? operationResponses[operationId] : undefined) ?? { type: 'object' } } } },
  default: { description: 'An error in AWS shape', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
});
const json = (schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });

function op(action: string, summary: string, extra: Schema = {}): Schema {
  const { tag, status, ...rest } = extra as { tag?: string; status?: string; [k: string]: unknown };
  return { operationId: action, summary, tags: [tag ?? 'default'], ...rest, responses: ok(summary, status ?? '200', action) };
}

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Stepwise REST API',
    version: '0.1.0',
    description:
      'REST access to Stepwise, a self-hosted AWS Step Functions engine. Same semantics, validation and errors as the AWS JSON protocol on `POST /` (`X-Amz-Target: AWSStepFunctions.<Action>`): each operation id names the AWS action it runs. Errors are `{"__type": "<AWS error name>", "message": "..."}`. Authentication (when STEPWISE_AUTH=required): `Authorization: Bearer <token>` or an AWS SigV4 signature.',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }, {}],
  paths: {
    '/v1/settings': { get: op('GetSettings', 'What this deployment allows: whether time control (fire-timer) is on, and the time scale', { tag: 'default' }) },
    '/v1/state-machines': {
      get: op('ListStateMachines', 'List state machines', { tag: 'state machines', parameters: paging }),
      post: op('CreateStateMachine', 'Create a state machine (roleArn optional here; definition may be a JSON object)', { tag: 'state machines', requestBody: json(bodyOf('CreateStateMachine', ['roleArn'])), status: '201' }),
    },
    '/v1/state-machines/validate': {
      post: op('ValidateStateMachineDefinition', 'Validate a definition', { tag: 'state machines', requestBody: json(bodyOf('ValidateStateMachineDefinition')) }),
    },
    '/v1/state-machines/{stateMachine}': {
      get: op('DescribeStateMachine', 'Describe a state machine or version', { tag: 'state machines', parameters: [smParam] }),
      patch: op('UpdateStateMachine', 'Update a state machine', { tag: 'state machines', parameters: [smParam], requestBody: json(bodyOf('UpdateStateMachine', ['stateMachineArn'])) }),
      delete: op('DeleteStateMachine', 'Delete a state machine', { tag: 'state machines', parameters: [smParam] }),
    },
    '/v1/state-machines/{stateMachine}/versions': {
      get: op('ListStateMachineVersions', 'List versions', { tag: 'state machines', parameters: [smParam, ...paging] }),
      post: op('PublishStateMachineVersion', 'Publish a version', { tag: 'state machines', parameters: [smParam], requestBody: json(bodyOf('PublishStateMachineVersion', ['stateMachineArn'])), status: '201' }),
    },
    '/v1/state-machines/{stateMachine}/versions/{version}': {
      delete: op('DeleteStateMachineVersion', 'Delete a version (refused while an alias routes to it)', { tag: 'state machines', parameters: [smParam, versionParam] }),
    },
    '/v1/state-machines/{stateMachine}/aliases': {
      get: op('ListStateMachineAliases', 'List aliases', { tag: 'state machines', parameters: [smParam, ...paging] }),
      post: op('CreateStateMachineAlias', 'Create an alias routing to one or two versions', { tag: 'state machines', parameters: [smParam], requestBody: json(bodyOf('CreateStateMachineAlias')), status: '201' }),
    },
    '/v1/state-machines/{stateMachine}/aliases/{alias}': {
      get: op('DescribeStateMachineAlias', 'Describe an alias', { tag: 'state machines', parameters: [smParam, aliasParam] }),
      patch: op('UpdateStateMachineAlias', 'Update an alias', { tag: 'state machines', parameters: [smParam, aliasParam], requestBody: json(bodyOf('UpdateStateMachineAlias', ['stateMachineAliasArn'])) }),
      delete: op('DeleteStateMachineAlias', 'Delete an alias', { tag: 'state machines', parameters: [smParam, aliasParam] }),
    },
    '/v1/state-machines/{stateMachine}/executions': {
      get: op('ListExecutions', 'List executions', {
        tag: 'executions',
        parameters: [smParam, ...paging, { name: 'statusFilter', in: 'query', schema: { type: 'string', enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] } }, { name: 'redriveFilter', in: 'query', schema: { type: 'string', enum: ['REDRIVEN', 'NOT_REDRIVEN'] } }],
      }),
      post: op('StartExecution', 'Start an execution (idempotent by name)', { tag: 'executions', parameters: [smParam], requestBody: json(bodyOf('StartExecution', ['stateMachineArn'])), status: '201' }),
    },
    '/v1/state-machines/{stateMachine}/sync-executions': {
      post: op('StartSyncExecution', 'Run an EXPRESS execution and answer its result', { tag: 'executions', parameters: [smParam], requestBody: json(bodyOf('StartSyncExecution', ['stateMachineArn'])) }),
    },
    '/v1/executions/{executionArn}': { get: op('DescribeExecution', 'Describe an execution', { tag: 'executions', parameters: [execParam] }) },
    '/v1/executions/{executionArn}/history': {
      get: op('GetExecutionHistory', 'Execution history, paged', {
        tag: 'executions',
        parameters: [execParam, ...paging, { name: 'reverseOrder', in: 'query', schema: { type: 'boolean' } }, { name: 'includeExecutionData', in: 'query', schema: { type: 'boolean' } }],
      }),
    },
    '/v1/executions/{executionArn}/state-machine': { get: op('DescribeStateMachineForExecution', 'The definition an execution runs', { tag: 'executions', parameters: [execParam] }) },
    '/v1/executions/{executionArn}/stop': { post: op('StopExecution', 'Stop an execution', { tag: 'executions', parameters: [execParam], requestBody: json(bodyOf('StopExecution', ['executionArn'])) }) },
    '/v1/executions/{executionArn}/redrive': { post: op('RedriveExecution', 'Redrive a failed execution', { tag: 'executions', parameters: [execParam], requestBody: json(bodyOf('RedriveExecution', ['executionArn'])) }) },
    '/v1/executions/{executionArn}/fire-timer': {
      post: op('FireTimer', 'Time control (local and test use): fire the execution\'s earliest waiting timer (a Wait state or a retry back-off) now. Refused with ValidationException unless STEPWISE_TIME_SCALE is set; `fired` is false when the execution waits on no timer.', { tag: 'executions', parameters: [execParam] }),
    },
    '/v1/executions/{executionArn}/map-runs': { get: op('ListMapRuns', 'Map runs of an execution', { tag: 'executions', parameters: [execParam, ...paging] }) },
    '/v1/executions/{executionArn}/tasks': {
      get: op('ListWaitingTasksOfExecution', 'Tasks the execution waits for (a person or a worker), with their task tokens', { tag: 'tasks', parameters: [execParam, ...paging] }),
    },
    '/v1/tasks': {
      get: op('ListWaitingTasks', 'Tasks waiting across executions', {
        tag: 'tasks',
        parameters: [...paging, { name: 'kind', in: 'query', schema: { type: 'string', enum: ['activity', 'callback', 'approval'] } }, { name: 'activityArn', in: 'query', schema: { type: 'string' } }],
      }),
    },
    '/v1/tasks/approve': { post: op('SendTaskSuccess', 'Approve: complete a task with an output (JSON value or text)', { tag: 'tasks', requestBody: json(bodyOf('SendTaskSuccess')) }) },
    '/v1/tasks/reject': { post: op('SendTaskFailure', 'Reject: fail a task with an error and cause', { tag: 'tasks', requestBody: json(bodyOf('SendTaskFailure')) }) },
    '/v1/tasks/heartbeat': { post: op('SendTaskHeartbeat', 'Heartbeat a task', { tag: 'tasks', requestBody: json(bodyOf('SendTaskHeartbeat')) }) },
    '/v1/test-state': {
      post: op('TestState', 'Local testing: run one state (or the state `stateName` of a state machine definition) in isolation, with optional mock, variables and context, and answer its output, error, next state and inspection data (the AWS TestState action; JSON-text members may also be JSON values)', { tag: 'testing', requestBody: json(bodyOf('TestState')) }),
    },
    '/v1/activities': {
      get: op('ListActivities', 'List activities', { tag: 'activities', parameters: paging }),
      post: op('CreateActivity', 'Create an activity', { tag: 'activities', requestBody: json(bodyOf('CreateActivity')), status: '201' }),
    },
    '/v1/activities/{activity}': {
      get: op('DescribeActivity', 'Describe an activity', { tag: 'activities', parameters: [actParam] }),
      delete: op('DeleteActivity', 'Delete an activity', { tag: 'activities', parameters: [actParam] }),
    },
    '/v1/activities/{activity}/task': {
      get: op('GetActivityTask', 'Long poll (up to 60 s) for a task of the activity', { tag: 'activities', parameters: [actParam, { name: 'workerName', in: 'query', schema: { type: 'string' } }] }),
    },
    '/v1/map-runs/{mapRunArn}': {
      get: op('DescribeMapRun', 'Describe a map run', { tag: 'executions', parameters: [arnParam('mapRunArn', 'Map run ARN (URL-encoded).')] }),
      patch: op('UpdateMapRun', 'Update a map run', { tag: 'executions', parameters: [arnParam('mapRunArn', 'Map run ARN (URL-encoded).')], requestBody: json(bodyOf('UpdateMapRun', ['mapRunArn'])) }),
    },
    '/v1/map-runs/{mapRunArn}/executions': {
      // ListExecutions with mapRunArn: its own operation id (ids are unique), ListExecutions' response
      get: { ...op('ListExecutions', 'List the child workflow executions of a map run', {
        tag: 'executions',
        parameters: [arnParam('mapRunArn', 'Map run ARN (URL-encoded).'), ...paging, { name: 'statusFilter', in: 'query', schema: { type: 'string', enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] } }, { name: 'redriveFilter', in: 'query', schema: { type: 'string', enum: ['REDRIVEN', 'NOT_REDRIVEN'] } }],
      }), operationId: 'ListMapRunExecutions' },
    },
    '/v1/tags/{resourceArn}': {
      get: op('ListTagsForResource', 'Tags of a state machine or activity', { tag: 'tags', parameters: [arnParam('resourceArn', 'Resource ARN (URL-encoded).')] }),
      post: op('TagResource', 'Add tags', { tag: 'tags', parameters: [arnParam('resourceArn', 'Resource ARN (URL-encoded).')], requestBody: json(bodyOf('TagResource', ['resourceArn'])) }),
      delete: op('UntagResource', 'Remove tags', { tag: 'tags', parameters: [arnParam('resourceArn', 'Resource ARN (URL-encoded).'), { name: 'tagKeys', in: 'query', required: true, description: 'Comma-separated keys', schema: { type: 'string' } }] }),
    },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    schemas: {
      ...responseSchemas,
      Error: {
        type: 'object',
        required: ['__type', 'message'],
        properties: { __type: { type: 'string', enum: Object.keys(apiErrors) }, message: { type: 'string' } },
      },
    },
  },
} as const;

/**
 * The actions of the AWS Step Functions JSON 1.0 protocol (`X-Amz-Target: AWSStepFunctions.<Action>`)
 * with each request's members and AWS's constraints (from the service model: lengths, ranges,
 * enums, required members). One table: the AWS router validates with it, REST routes reuse it, the
 * OpenAPI document is derived from it.
 */
import type * as sfn from '@aws-sdk/client-sfn';
import type { ActionSpec, FieldSpec } from './validate.js';

const arn: FieldSpec = { t: 'string', min: 1, max: 256 };
const longArn: FieldSpec = { t: 'string', min: 1, max: 2000 };
const name: FieldSpec = { t: 'string', min: 1, max: 80 };
const definition: FieldSpec = { t: 'string', min: 1, max: 1048576, sensitive: true };
const payload: FieldSpec = { t: 'string', sensitive: true, bytes: 'payload' };
const pageSize: FieldSpec = { t: 'integer', min: 0, max: 1000 };
const pageToken: FieldSpec = { t: 'string', min: 1, max: 1024 };
const taskToken: FieldSpec = { t: 'string', min: 1, max: 2048 };
const error: FieldSpec = { t: 'string', min: 0, max: 256, sensitive: true };
const cause: FieldSpec = { t: 'string', min: 0, max: 32768, sensitive: true };
const smType: FieldSpec = { t: 'string', enum: ['STANDARD', 'EXPRESS'] };
const includedData: FieldSpec = { t: 'string', enum: ['ALL_DATA', 'METADATA_ONLY'] };
const traceHeader: FieldSpec = { t: 'string', min: 0, max: 256, pattern: /^[\x20-\x7e]*$/ };
const tag: FieldSpec = { t: 'object', fields: { key: { t: 'string', min: 1, max: 128 }, value: { t: 'string', min: 0, max: 256 } } };
const tags: FieldSpec = { t: 'list', item: tag };
const logging: FieldSpec = {
  t: 'object',
  fields: {
    level: { t: 'string', enum: ['ALL', 'ERROR', 'FATAL', 'OFF'] },
    includeExecutionData: { t: 'boolean' },
    destinations: { t: 'list', item: { t: 'object', fields: { cloudWatchLogsLogGroup: { t: 'object', fields: { logGroupArn: { t: 'string', min: 1, max: 256 } } } } } },
  },
};
const tracing: FieldSpec = { t: 'object', fields: { enabled: { t: 'boolean' } } };
const encryption: FieldSpec = {
  t: 'object',
  required: ['type'],
  fields: {
    kmsKeyId: { t: 'string', min: 1, max: 2048 },
    kmsDataKeyReusePeriodSeconds: { t: 'integer', min: 60, max: 900 },
    type: { t: 'string', enum: ['AWS_OWNED_KEY', 'CUSTOMER_MANAGED_KMS_KEY'] },
  },
};
const versionDescription: FieldSpec = { t: 'string', max: 256, sensitive: true };
const routing: FieldSpec = {
  t: 'list',
  min: 1,
  max: 2,
  item: { t: 'object', required: ['stateMachineVersionArn', 'weight'], fields: { stateMachineVersionArn: arn, weight: { t: 'integer', min: 0, max: 100 } } },
};
const aliasName: FieldSpec = { t: 'string', min: 1, max: 80, pattern: /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/ };

export const actionSpecs = {
  CreateStateMachine: {
    required: ['name', 'definition', 'roleArn'],
    fields: { name, definition, roleArn: arn, type: smType, loggingConfiguration: logging, tags, tracingConfiguration: tracing, publish: { t: 'boolean' }, versionDescription, encryptionConfiguration: encryption },
  },
  UpdateStateMachine: {
    required: ['stateMachineArn'],
    fields: { stateMachineArn: arn, definition, roleArn: arn, loggingConfiguration: logging, tracingConfiguration: tracing, publish: { t: 'boolean' }, versionDescription, encryptionConfiguration: encryption },
  },
  DescribeStateMachine: { required: ['stateMachineArn'], fields: { stateMachineArn: arn, includedData } },
  DeleteStateMachine: { required: ['stateMachineArn'], fields: { stateMachineArn: arn } },
  ListStateMachines: { required: [], fields: { maxResults: pageSize, nextToken: pageToken } },
  ValidateStateMachineDefinition: {
    required: ['definition'],
    fields: { definition, type: smType, severity: { t: 'string', enum: ['ERROR', 'WARNING'] }, maxResults: { t: 'integer', min: 0, max: 100 } },
  },
  PublishStateMachineVersion: { required: ['stateMachineArn'], fields: { stateMachineArn: arn, revisionId: { t: 'string' }, description: versionDescription } },
  ListStateMachineVersions: { required: ['stateMachineArn'], fields: { stateMachineArn: arn, nextToken: pageToken, maxResults: pageSize } },
  DeleteStateMachineVersion: { required: ['stateMachineVersionArn'], fields: { stateMachineVersionArn: longArn } },
  CreateStateMachineAlias: { required: ['name', 'routingConfiguration'], fields: { description: versionDescription, name: aliasName, routingConfiguration: routing } },
  DescribeStateMachineAlias: { required: ['stateMachineAliasArn'], fields: { stateMachineAliasArn: arn } },
  UpdateStateMachineAlias: { required: ['stateMachineAliasArn'], fields: { stateMachineAliasArn: arn, description: versionDescription, routingConfiguration: routing } },
  DeleteStateMachineAlias: { required: ['stateMachineAliasArn'], fields: { stateMachineAliasArn: arn } },
  ListStateMachineAliases: { required: ['stateMachineArn'], fields: { stateMachineArn: arn, nextToken: pageToken, maxResults: pageSize } },
  StartExecution: { required: ['stateMachineArn'], fields: { stateMachineArn: arn, name, input: payload, traceHeader } },
  StartSyncExecution: { required: ['stateMachineArn'], fields: { stateMachineArn: arn, name, input: payload, traceHeader, includedData } },
  StopExecution: { required: ['executionArn'], fields: { executionArn: arn, error, cause } },
  DescribeExecution: { required: ['executionArn'], fields: { executionArn: arn, includedData } },
  DescribeStateMachineForExecution: { required: ['executionArn'], fields: { executionArn: arn, includedData } },
  ListExecutions: {
    required: [],
    fields: {
      stateMachineArn: arn,
      statusFilter: { t: 'string', enum: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] },
      maxResults: pageSize,
      nextToken: { t: 'string', min: 1, max: 3096 },
      mapRunArn: longArn,
      redriveFilter: { t: 'string', enum: ['REDRIVEN', 'NOT_REDRIVEN'] },
    },
  },
  GetExecutionHistory: {
    required: ['executionArn'],
    fields: { executionArn: arn, maxResults: pageSize, reverseOrder: { t: 'boolean' }, nextToken: pageToken, includeExecutionData: { t: 'boolean' } },
  },
  RedriveExecution: { required: ['executionArn'], fields: { executionArn: arn, clientToken: { t: 'string', min: 1, max: 64, pattern: /^[!-~]+$/ } } },
  CreateActivity: { required: ['name'], fields: { name, tags, encryptionConfiguration: encryption } },
  DescribeActivity: { required: ['activityArn'], fields: { activityArn: arn } },
  DeleteActivity: { required: ['activityArn'], fields: { activityArn: arn } },
  ListActivities: { required: [], fields: { maxResults: pageSize, nextToken: pageToken } },
  GetActivityTask: { required: ['activityArn'], fields: { activityArn: arn, workerName: name } },
  SendTaskSuccess: { required: ['taskToken', 'output'], fields: { taskToken, output: payload } },
  SendTaskFailure: { required: ['taskToken'], fields: { taskToken, error, cause } },
  SendTaskHeartbeat: { required: ['taskToken'], fields: { taskToken } },
  DescribeMapRun: { required: ['mapRunArn'], fields: { mapRunArn: longArn } },
  ListMapRuns: { required: ['executionArn'], fields: { executionArn: arn, maxResults: pageSize, nextToken: pageToken } },
  UpdateMapRun: {
    required: ['mapRunArn'],
    fields: { mapRunArn: longArn, maxConcurrency: { t: 'integer', min: 0 }, toleratedFailurePercentage: { t: 'number', min: 0, max: 100 }, toleratedFailureCount: { t: 'integer', min: 0 } },
  },
  TagResource: { required: ['resourceArn', 'tags'], fields: { resourceArn: arn, tags } },
  UntagResource: { required: ['resourceArn', 'tagKeys'], fields: { resourceArn: arn, tagKeys: { t: 'list', item: { t: 'string', min: 1, max: 128 } } } },
  ListTagsForResource: { required: ['resourceArn'], fields: { resourceArn: arn } },
  TestState: {
    required: ['definition'],
    fields: {
      definition,
      roleArn: arn,
      input: payload,
      inspectionLevel: { t: 'string', enum: ['INFO', 'DEBUG', 'TRACE'] },
      revealSecrets: { t: 'boolean' },
      variables: payload,
      stateName: name,
      mock: { t: 'object', fields: { result: payload, errorOutput: { t: 'object', fields: { error, cause } }, fieldValidationMode: { t: 'string', enum: ['STRICT', 'PRESENT', 'NONE'] } } },
      context: payload,
      stateConfiguration: { t: 'object', fields: { retrierRetryCount: { t: 'integer', min: 0 }, errorCausedByState: name, mapIterationFailureCount: { t: 'integer', min: 0 }, mapItemReaderData: payload } },
    },
  },
} as const satisfies Record<string, ActionSpec>;

export type ActionName = keyof typeof actionSpecs;
export const actionNames = Object.keys(actionSpecs) as readonly ActionName[];

export function isActionName(s: string): s is ActionName {
  return Object.hasOwn(actionSpecs, s);
}

/** The request members of each action, as the AWS SDK types them (inputs carry no timestamps). */
export interface ActionInputs {
  CreateStateMachine: sfn.CreateStateMachineInput;
  UpdateStateMachine: sfn.UpdateStateMachineInput;
  DescribeStateMachine: sfn.DescribeStateMachineInput;
  DeleteStateMachine: sfn.DeleteStateMachineInput;
  ListStateMachines: sfn.ListStateMachinesInput;
  ValidateStateMachineDefinition: sfn.ValidateStateMachineDefinitionInput;
  PublishStateMachineVersion: sfn.PublishStateMachineVersionInput;
  ListStateMachineVersions: sfn.ListStateMachineVersionsInput;
  DeleteStateMachineVersion: sfn.DeleteStateMachineVersionInput;
  CreateStateMachineAlias: sfn.CreateStateMachineAliasInput;
  DescribeStateMachineAlias: sfn.DescribeStateMachineAliasInput;
  UpdateStateMachineAlias: sfn.UpdateStateMachineAliasInput;
  DeleteStateMachineAlias: sfn.DeleteStateMachineAliasInput;
  ListStateMachineAliases: sfn.ListStateMachineAliasesInput;
  StartExecution: sfn.StartExecutionInput;
  StartSyncExecution: sfn.StartSyncExecutionInput;
  StopExecution: sfn.StopExecutionInput;
  DescribeExecution: sfn.DescribeExecutionInput;
  DescribeStateMachineForExecution: sfn.DescribeStateMachineForExecutionInput;
  ListExecutions: sfn.ListExecutionsInput;
  GetExecutionHistory: sfn.GetExecutionHistoryInput;
  RedriveExecution: sfn.RedriveExecutionInput;
  CreateActivity: sfn.CreateActivityInput;
  DescribeActivity: sfn.DescribeActivityInput;
  DeleteActivity: sfn.DeleteActivityInput;
  ListActivities: sfn.ListActivitiesInput;
  GetActivityTask: sfn.GetActivityTaskInput;
  SendTaskSuccess: sfn.SendTaskSuccessInput;
  SendTaskFailure: sfn.SendTaskFailureInput;
  SendTaskHeartbeat: sfn.SendTaskHeartbeatInput;
  DescribeMapRun: sfn.DescribeMapRunInput;
  ListMapRuns: sfn.ListMapRunsInput;
  UpdateMapRun: sfn.UpdateMapRunInput;
  TagResource: sfn.TagResourceInput;
  UntagResource: sfn.UntagResourceInput;
  ListTagsForResource: sfn.ListTagsForResourceInput;
  TestState: sfn.TestStateInput;
}

/**
 * What a handler returns: the response members, with timestamps as Date (the AWS router writes
 * epoch seconds, REST writes ISO 8601).
 */
export type ActionOutput = { readonly [member: string]: unknown };

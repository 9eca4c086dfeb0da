/**
 * TestState's `fieldValidationMode`: a mocked `result` is checked against the response model of
 * the API the Task calls. Stepwise carries the models of the most used optimized integrations
 * (below); for any other resource there is no model and the result is taken as given. STRICT
 * checks required fields and the types of present fields, PRESENT only the types, NONE nothing.
 * Fields a model does not know are let through.
 */
import type { Json } from '@stepwise/asl';
import { isJsonObject } from '../json-values.js';
import { TestStateError } from './test-state-error.js';

type FieldType = 'string' | 'integer' | 'object' | 'array' | 'any' | 'timestamp';
interface Model {
  readonly api: string;
  readonly fields: Readonly<Record<string, FieldType>>;
  readonly required?: readonly string[];
}

const MODELS: Readonly<Record<string, Model>> = {
  'lambda:invoke': { api: 'Lambda Invoke', fields: { StatusCode: 'integer', FunctionError: 'string', LogResult: 'string', Payload: 'any', ExecutedVersion: 'string' } },
  'sqs:sendMessage': {
    api: 'SQS SendMessage',
    fields: { MD5OfMessageBody: 'string', MD5OfMessageAttributes: 'string', MD5OfMessageSystemAttributes: 'string', MessageId: 'string', SequenceNumber: 'string' },
  },
  'sns:publish': { api: 'SNS Publish', fields: { MessageId: 'string', SequenceNumber: 'string' } },
  'dynamodb:getItem': { api: 'DynamoDB GetItem', fields: { Item: 'object', ConsumedCapacity: 'object' } },
  'dynamodb:putItem': { api: 'DynamoDB PutItem', fields: { Attributes: 'object', ConsumedCapacity: 'object', ItemCollectionMetrics: 'object' } },
  'dynamodb:updateItem': { api: 'DynamoDB UpdateItem', fields: { Attributes: 'object', ConsumedCapacity: 'object', ItemCollectionMetrics: 'object' } },
  'dynamodb:deleteItem': { api: 'DynamoDB DeleteItem', fields: { Attributes: 'object', ConsumedCapacity: 'object', ItemCollectionMetrics: 'object' } },
  'events:putEvents': { api: 'EventBridge PutEvents', fields: { FailedEntryCount: 'integer', Entries: 'array' } },
  'states:startExecution': { api: 'Step Functions StartExecution', fields: { executionArn: 'string', startDate: 'timestamp' }, required: ['executionArn', 'startDate'] },
};

/** The model of an optimized integration resource (`arn:aws:states:::lambda:invoke`, `...:sqs:sendMessage.waitForTaskToken`). */
function modelOf(resource: string): Model | undefined {
  const m = /^arn:aws[\w-]*:states:::([a-z0-9-]+:[A-Za-z0-9]+)(\.sync(:2)?|\.waitForTaskToken)?$/.exec(resource);
  if (!m || m[2] !== undefined) return undefined; // .sync and callbacks answer with other shapes
  return MODELS[m[1] as string];
}

export function validateMockResult(resource: string, result: Json, mode: string | undefined): void {
  const level = mode ?? 'STRICT';
  if (level === 'NONE') return;
  const model = modelOf(resource);
  if (!model) return;
  const fail = (message: string): never => {
    throw new TestStateError('ValidationException', `The mocked result does not match the ${model.api} response (fieldValidationMode ${level}): ${message}`);
  };
  if (!isJsonObject(result)) fail('the result must be a JSON object');
  const obj = result as Record<string, Json>;
  for (const [field, type] of Object.entries(model.fields)) {
    const v = obj[field];
    if (v === undefined) continue;
    const ok =
      type === 'any' ||
      (type === 'string' && typeof v === 'string') ||
      (type === 'integer' && Number.isInteger(v)) ||
      (type === 'object' && isJsonObject(v)) ||
      (type === 'array' && Array.isArray(v)) ||
      (type === 'timestamp' && (typeof v === 'number' || (typeof v === 'string' && !Number.isNaN(Date.parse(v)))));
    if (!ok) fail(`the field '${field}' must be ${type === 'integer' ? 'an integer' : type === 'object' ? 'an object' : type === 'array' ? 'an array' : type === 'timestamp' ? 'a timestamp' : 'a string'}`);
  }
  if (level === 'STRICT') for (const field of model.required ?? []) if (obj[field] === undefined) fail(`the required field '${field}' is missing`);
}

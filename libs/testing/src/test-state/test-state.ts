/**
 * TestState as a library call: runs one state through the interpreter's step API (the same code
 * executions run) with the request's input, variables, context and mock, and answers AWS's
 * response: status SUCCEEDED | FAILED | RETRIABLE | CAUGHT_ERROR, output, error, cause, nextState
 * and, at DEBUG/TRACE, inspectionData. One call is one attempt: a failure a Retrier handles is
 * RETRIABLE with the back-off it would wait; `retrierRetryCount` says how many retries happened.
 */
import {
  AWS_LIMITS,
  compile,
  errorMatches,
  formatInvalidDefinition,
  resume,
  startChild,
  type ChildSpawn,
  type ExecutionIdentity,
  type FrameState,
  type HistoryEvent,
  type Json,
  type JsonObject,
  type StepContext,
  type StepResult,
  type TaskOutcome,
  type TaskRequest,
} from '@stepwise/asl';
import { randomBytes, randomUUID } from 'node:crypto';
import { isJsonObject } from '../json-values.js';
import { inspectionData } from './inspect.js';
import { validateMockResult } from './mock-models.js';
import { prepareTestState } from './prepare.js';
import { TestStateError } from './test-state-error.js';
import type { InspectionErrorDetails, TestStateRequest, TestStateResponse } from './types.js';

export interface TestStateOptions {
  /** Epoch ms the state runs at; default: now. */
  readonly now?: number;
  readonly random?: () => number;
  /** Serves a Task that has no mock (the api plugs the engine's integrations in); default: the Task fails. */
  readonly invoke?: (request: TaskRequest) => Promise<TaskOutcome>;
  readonly region?: string;
  readonly accountId?: string;
}

export async function testState(request: TestStateRequest, options: TestStateOptions = {}): Promise<TestStateResponse> {
  const prep = prepareTestState(request);
  if (prep.mock?.kind === 'result' && prep.state['Type'] === 'Task') validateMockResult(String(prep.state['Resource'] ?? ''), prep.mock.value, request.mock?.fieldValidationMode);
  const compiled = compile(prep.machine);
  if (!compiled.ok) throw new TestStateError('InvalidDefinition', formatInvalidDefinition(compiled.diagnostics));
  const program = compiled.program;
  const now = options.now ?? Date.now();
  const random = options.random ?? Math.random;
  const identity = executionIdentity(prep.context, request.roleArn, prep.input, now, options);
  let nextEventId = 1;
  const events: HistoryEvent[] = [];
  const ctx = (): StepContext => ({
    now,
    random,
    uuid: () => randomUUID(),
    newTaskToken: () => randomBytes(32).toString('base64url'),
    nextEventId,
    execution: identity,
    limits: AWS_LIMITS,
  });
  const record = (r: StepResult): StepResult => {
    events.push(...r.events);
    const last = r.events[r.events.length - 1];
    if (last) nextEventId = last.id + 1;
    return r;
  };
  const spawn: ChildSpawn = { parentFrameId: 'test', stateName: '', kind: 'branch', inputs: [prep.input], scopes: [''], variables: prep.variables, parentEventId: 0, recordEvents: true };
  let step = record(await startChild(program, spawn, 0, ctx()));

  let failure: { error: string; cause: string } | undefined;
  let result: Json | undefined;
  let taskInput: Json | undefined;
  let retry: InspectionErrorDetails | undefined;
  let map: { maxConcurrency: number; toleratedFailureCount?: number; toleratedFailurePercentage?: number } | undefined;
  const retriers = Array.isArray(prep.state['Retry']) ? prep.state['Retry'].filter(isJsonObject) : [];

  for (let guard = 0; guard < 1000; guard++) {
    const b = step.blocked;
    if (b.kind === 'task') {
      taskInput = b.input;
      const outcome = await serve(prep.mock, options, b.stateName, b.resource, b.input, b.pattern, b.attempt, identity);
      if (outcome.kind === 'succeeded') {
        result = outcome.output;
        step = record(await resume(program, step.frame, { kind: 'taskSucceeded', output: outcome.output }, ctx()));
      } else {
        failure = { error: outcome.error ?? 'States.TaskFailed', cause: outcome.cause ?? '' };
        const frame = withRetryCount(step.frame, retriers, failure.error, prep.retrierRetryCount);
        step = record(await resume(program, frame, { kind: 'taskFailed', error: failure.error, cause: failure.cause }, ctx()));
      }
      continue;
    }
    if (b.kind === 'timer') {
      if (b.reason === 'retry' && failure) {
        const index = retriers.findIndex((r) => errorMatches(stringList(r['ErrorEquals']), failure?.error));
        retry = { retryIndex: index, retryBackoffIntervalSeconds: Math.max(0, (b.until - now) / 1000) };
        break;
      }
      step = record(await resume(program, step.frame, { kind: 'timerFired' }, ctx()));
      continue;
    }
    if (b.kind === 'parallel' || b.kind === 'map') {
      if (b.kind === 'map') {
        map = {
          maxConcurrency: b.maxConcurrency,
          ...(b.toleratedFailureCount !== undefined ? { toleratedFailureCount: b.toleratedFailureCount } : {}),
          ...(b.toleratedFailurePercentage !== undefined ? { toleratedFailurePercentage: b.toleratedFailurePercentage } : {}),
        };
      }
      const mock = prep.mock;
      const exceeded = b.kind === 'map' && mock?.kind === 'result' && prep.mapIterationFailureCount !== undefined && toleranceExceeded(b, prep.mapIterationFailureCount, Array.isArray(mock.value) ? mock.value.length : 0);
      if (mock?.kind === 'result' && !exceeded) {
        result = mock.value;
        step = record(await resume(program, step.frame, { kind: 'childrenSucceeded', results: mock.value as Json[] }, ctx()));
      } else {
        failure =
          mock?.kind === 'error'
            ? { error: mock.error, cause: mock.cause }
            : { error: 'States.ExceedToleratedFailureThreshold', cause: 'The specified tolerated failure threshold was exceeded' };
        const frame = withRetryCount(step.frame, retriers, failure.error, prep.retrierRetryCount);
        step = record(await resume(program, frame, { kind: 'childrenFailed', error: failure.error, cause: failure.cause }, ctx()));
      }
      continue;
    }
    break;
  }

  const exited = events.find((e) => e.type.endsWith('StateExited') && detail(e, 'stateExitedEventDetails', 'name') === prep.stateName);
  const entered = exited ? events.find((e) => e.type.endsWith('StateEntered') && e.previousEventId === exited.id) : undefined;
  const nextState = entered ? detail(entered, 'stateEnteredEventDetails', 'name') : undefined;
  const output = exited ? detail(exited, 'stateExitedEventDetails', 'output') : undefined;

  let status: TestStateResponse['status'];
  let errorDetails: InspectionErrorDetails | undefined;
  const response: { -readonly [K in keyof TestStateResponse]?: TestStateResponse[K] } = {};
  if (retry) {
    status = 'RETRIABLE';
    errorDetails = retry;
  } else if (exited && failure) {
    status = 'CAUGHT_ERROR';
    const catchers = Array.isArray(prep.state['Catch']) ? prep.state['Catch'].filter(isJsonObject) : [];
    errorDetails = { catchIndex: catchers.findIndex((c) => errorMatches(stringList(c['ErrorEquals']), failure?.error)) };
  } else if (exited) {
    status = 'SUCCEEDED';
  } else {
    status = 'FAILED';
    const b = step.blocked;
    const error = b.kind === 'failed' || b.kind === 'timedOut' || b.kind === 'aborted' ? b.error : failure?.error;
    const cause = b.kind === 'failed' || b.kind === 'timedOut' || b.kind === 'aborted' ? b.cause : failure?.cause;
    if (error !== undefined) response.error = error;
    if (cause !== undefined) response.cause = cause;
  }
  if (status === 'RETRIABLE' || status === 'CAUGHT_ERROR') {
    response.error = failure?.error ?? '';
    response.cause = failure?.cause ?? '';
  }
  if (output !== undefined && status !== 'RETRIABLE') response.output = output;
  if (nextState !== undefined && status !== 'RETRIABLE') response.nextState = nextState;
  if (prep.inspectionLevel !== 'INFO') {
    response.inspectionData = inspectionData(prep, {
      ...(taskInput !== undefined ? { taskInput } : {}),
      ...(result !== undefined ? { result } : {}),
      variables: { ...prep.variables, ...step.frame.variables },
      ...(errorDetails ? { errorDetails } : {}),
      ...(map ? { map } : {}),
      context: contextObject(identity, prep.stateName, now, prep.retrierRetryCount),
      env: { now, random, uuid: () => randomUUID() },
    });
  }
  return { ...response, status };
}

async function serve(
  mock: ReturnType<typeof prepareTestState>['mock'],
  options: TestStateOptions,
  stateName: string,
  resource: string,
  input: Json,
  pattern: TaskRequest['pattern'],
  attempt: number,
  identity: ExecutionIdentity,
): Promise<TaskOutcome> {
  if (mock?.kind === 'result') return { kind: 'succeeded', output: mock.value };
  if (mock?.kind === 'error') return { kind: 'failed', error: mock.error, cause: mock.cause };
  if (options.invoke) {
    return options.invoke({
      stateName,
      resource,
      input,
      attempt,
      pattern,
      context: { Execution: { Id: identity.id, Name: identity.name }, StateMachine: { Id: identity.stateMachineId, Name: identity.stateMachineName } },
    });
  }
  return { kind: 'failed', error: 'States.TaskFailed', cause: `TestState has no integration to call '${resource}' here: give a mock, or test the state on a Stepwise server.` };
}

/** Sets the counter of the Retrier that handles `error` to `count` (stateConfiguration.retrierRetryCount). */
function withRetryCount(frame: FrameState, retriers: JsonObject[], error: string, count: number): FrameState {
  if (count <= 0) return frame;
  const index = retriers.findIndex((r) => errorMatches(stringList(r['ErrorEquals']), error));
  if (index < 0) return frame;
  const retryCounts = [...frame.retryCounts];
  while (retryCounts.length <= index) retryCounts.push(0);
  retryCounts[index] = count;
  return { ...frame, retryCounts, attempt: count + 1 };
}

function toleranceExceeded(b: { toleratedFailureCount?: number; toleratedFailurePercentage?: number }, failures: number, total: number): boolean {
  const count = b.toleratedFailureCount ?? 0;
  const pct = b.toleratedFailurePercentage;
  if (failures <= count) return false;
  if (pct !== undefined && total > 0 && (failures / total) * 100 <= pct) return false;
  return true;
}

function executionIdentity(context: JsonObject | undefined, roleArn: string | undefined, input: Json, now: number, options: TestStateOptions): ExecutionIdentity {
  const region = options.region ?? 'us-east-1';
  const account = options.accountId ?? '123456789012';
  const exec = isJsonObject(context?.['Execution'] ?? null) ? (context?.['Execution'] as JsonObject) : {};
  const sm = isJsonObject(context?.['StateMachine'] ?? null) ? (context?.['StateMachine'] as JsonObject) : {};
  const machineName = typeof sm['Name'] === 'string' ? sm['Name'] : 'TestStateMachine';
  const name = typeof exec['Name'] === 'string' ? exec['Name'] : 'TestStateExecution';
  return {
    id: typeof exec['Id'] === 'string' ? exec['Id'] : `arn:aws:states:${region}:${account}:execution:${machineName}:${name}`,
    name,
    startTime: typeof exec['StartTime'] === 'string' ? exec['StartTime'] : new Date(now).toISOString(),
    roleArn: typeof exec['RoleArn'] === 'string' ? exec['RoleArn'] : (roleArn ?? `arn:aws:iam::${account}:role/TestStateRole`),
    stateMachineId: typeof sm['Id'] === 'string' ? sm['Id'] : `arn:aws:states:${region}:${account}:stateMachine:${machineName}`,
    stateMachineName: machineName,
    input: exec['Input'] ?? input,
    region,
    redriveCount: typeof exec['RedriveCount'] === 'number' ? exec['RedriveCount'] : 0,
  };
}

function contextObject(identity: ExecutionIdentity, stateName: string, now: number, retryCount: number): JsonObject {
  return {
    Execution: { Id: identity.id, Input: identity.input ?? {}, Name: identity.name, RoleArn: identity.roleArn, StartTime: identity.startTime, RedriveCount: identity.redriveCount ?? 0 },
    StateMachine: { Id: identity.stateMachineId, Name: identity.stateMachineName },
    State: { EnteredTime: new Date(now).toISOString(), Name: stateName, RetryCount: retryCount },
  };
}

function detail(e: HistoryEvent, field: `${string}EventDetails`, key: string): string | undefined {
  const d = e[field];
  const v = d?.[key];
  return typeof v === 'string' ? v : undefined;
}

function stringList(v: Json | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/**
 * Task: evaluates its request (InputPath → Parameters, or Arguments), blocks until the driver
 * reports the outcome, then applies ResultSelector → ResultPath → OutputPath (or Output). Writes
 * the Task*, LambdaFunction* or Activity* events its resource calls for.
 */
import type { TaskState } from '../definition/types.js';
import type { Json, JsonObject } from '../json.js';
import { byteSize, fitsInBytes, isObject, toJsonText } from '../json.js';
import { AWS_LIMITS, payloadsAsValues } from '../context.js';
import { StatesError } from '../errors/states-error.js';
import { queryPath } from '../paths/jsonpath.js';
import type { Blocked, Signal } from '../frame.js';
import type { HistoryEventType } from '../events/types.js';
import type { Outcome, StateEvaluator, StateRun } from './evaluator.js';
import { evaluateTemplate, selectPath, sourcesFor } from '../io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from '../io/jsonata-io.js';
import { completeWithResult } from './common.js';
import { selectedBound, templateBound } from '../io/payload-bounds.js';
import { parseResource, type ResourceInfo } from './resource.js';

const DETAILS = { truncated: false } as const;

type TaskBlocked = Extract<Blocked, { kind: 'task' }>;

function positiveInt(v: Json | undefined, field: string, path: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new StatesError('States.Runtime', `The ${field} field refers to value "${v === undefined ? 'null' : toJsonText(v)}" which is not a valid positive integer: ${path}`);
  }
  return v;
}

async function timeouts(run: StateRun, state: TaskState, effective: Json): Promise<{ timeout?: number; heartbeat?: number }> {
  const out: { timeout?: number; heartbeat?: number } = {};
  const read = async (value: number | string | undefined, path: string | undefined, field: string): Promise<number | undefined> => {
    if (typeof value === 'number') return value;
    if (typeof value === 'string') {
      const v = await evaluateJsonataValue(run, value, jsonataStates(run, run.frame.stateInput), field);
      return positiveInt(v, field, value);
    }
    if (path !== undefined) return positiveInt(queryPath(path, sourcesFor(run, effective)), `${field}Path`, path);
    return undefined;
  };
  const t = await read(state.TimeoutSeconds, state.TimeoutSecondsPath, 'TimeoutSeconds');
  const h = await read(state.HeartbeatSeconds, state.HeartbeatSecondsPath, 'HeartbeatSeconds');
  if (t !== undefined) out.timeout = t;
  if (h !== undefined) out.heartbeat = h;
  return out;
}

async function enterJsonata(run: StateRun, state: TaskState, info: ResourceInfo, token: string | undefined, context: JsonObject | undefined): Promise<Outcome> {
  const raw = run.frame.stateInput;
  const states = jsonataStates(run, raw, context !== undefined ? { context } : undefined);
  const input = state.Arguments !== undefined ? await evaluateJsonataValue(run, state.Arguments, states, 'Arguments') : raw;
  const credentials = state.Credentials !== undefined ? await evaluateJsonataValue(run, state.Credentials, states, 'Credentials') : undefined;
  return schedule(run, state, info, { input, credentials, effective: raw, token });
}

interface Call {
  readonly input: Json;
  readonly credentials: Json | undefined;
  /** What TimeoutSecondsPath / HeartbeatSecondsPath read. */
  readonly effective: Json;
  readonly token: string | undefined;
  /** An upper bound of the input's serialised size, when one was derived. */
  readonly bound?: number | undefined;
}

/** The request's bound from the state input's (io/payload-bounds.ts); a `$$` in Parameters (the task token) has none. */
function inputBound(run: StateRun, state: TaskState): number | undefined {
  if (run.ctx.payloadBounds === undefined) return undefined;
  const effective = selectedBound(state.InputPath, run.inputBound());
  return state.Parameters !== undefined ? templateBound(state.Parameters, effective) : effective;
}

/** The payload limit, the timeouts, TaskScheduled; synchronous unless a timeout is a JSONata expression. */
function schedule(run: StateRun, state: TaskState, info: ResourceInfo, call: Call): Outcome | Promise<Outcome> {
  const limit = (run.ctx.limits ?? AWS_LIMITS).payloadBytes;
  // the text is measured once and reused by TaskScheduled
  const text = payloadsAsValues(run.ctx) ? undefined : toJsonText(call.input);
  // with payloads as values, a bound derived from the state input's spares most walks (io/payload-bounds.ts)
  const bound = text === undefined && call.bound !== undefined && call.bound <= limit;
  if (text === undefined ? !bound && !fitsInBytes(call.input, limit) : text.length * 3 > limit && byteSize(text) > limit) {
    throw new StatesError('States.DataLimitExceeded', `The state/task '${run.stateName}' input exceeds the maximum number of bytes service limit (${limit} bytes).`);
  }
  const payload = text ?? call.input;
  if (typeof state.TimeoutSeconds === 'string' || typeof state.HeartbeatSeconds === 'string') {
    return timeouts(run, state, call.effective).then((t) => block(run, state, info, call, t, payload));
  }
  const t = {
    timeout: readTimeout(run, call.effective, state.TimeoutSeconds, state.TimeoutSecondsPath, 'TimeoutSeconds'),
    heartbeat: readTimeout(run, call.effective, state.HeartbeatSeconds, state.HeartbeatSecondsPath, 'HeartbeatSeconds'),
  };
  return block(run, state, info, call, t, payload);
}

function readTimeout(run: StateRun, effective: Json, value: number | undefined, path: string | undefined, field: string): number | undefined {
  if (value !== undefined) return value;
  if (path !== undefined) return positiveInt(queryPath(path, sourcesFor(run, effective)), `${field}Path`, path);
  return undefined;
}

function block(run: StateRun, state: TaskState, info: ResourceInfo, call: Call, t: { timeout?: number | undefined; heartbeat?: number | undefined }, payload: Json): Outcome {
  const request: { -readonly [K in keyof TaskBlocked]: TaskBlocked[K] } = {
    kind: 'task',
    resource: state.Resource,
    input: call.input,
    pattern: info.pattern,
    stateName: run.stateName,
    attempt: run.frame.attempt,
  };
  if (t.timeout !== undefined) request.timeoutSeconds = t.timeout;
  if (t.heartbeat !== undefined) request.heartbeatSeconds = t.heartbeat;
  if (call.credentials !== undefined) request.credentials = call.credentials;
  if (call.token !== undefined) request.taskToken = call.token;
  scheduledEvent(run, info, request, payload);
  return { kind: 'block', phase: 'task', pending: { request: request as unknown as JsonObject }, blocked: request };
}

/** `input` is the request's payload as the events carry it (its JSON text, or the value itself: StepContext.payloads). */
function scheduledEvent(run: StateRun, info: ResourceInfo, request: TaskBlocked, input: Json): void {
  if (info.family === 'lambda') {
    // LambdaFunctionScheduledEventDetails has timeoutInSeconds but no heartbeat
    const lambda: JsonObject = { resource: info.resource, input, inputDetails: DETAILS };
    if (request.timeoutSeconds !== undefined) lambda['timeoutInSeconds'] = request.timeoutSeconds;
    if (isObject(request.credentials) && typeof request.credentials['RoleArn'] === 'string') lambda['taskCredentials'] = { roleArn: request.credentials['RoleArn'] };
    run.emit('LambdaFunctionScheduled', lambda);
  } else if (info.family === 'activity') {
    run.emit('ActivityScheduled', withLimits({ resource: info.resource, input, inputDetails: DETAILS }, request));
  } else {
    const details = withLimits(
      {
        resourceType: info.resourceType,
        resource: info.resource,
        region: run.ctx.execution.region ?? 'us-east-1',
        parameters: input,
      },
      request,
    );
    // AWS: taskCredentials { roleArn } from the state's Credentials { RoleArn }
    if (isObject(request.credentials) && typeof request.credentials['RoleArn'] === 'string') {
      details['taskCredentials'] = { roleArn: request.credentials['RoleArn'] };
    }
    run.emit('TaskScheduled', details);
  }
}

const EVENTS: Record<ResourceInfo['family'], { started: HistoryEventType; succeeded: HistoryEventType; failed: HistoryEventType; timedOut: HistoryEventType }> = {
  task: { started: 'TaskStarted', succeeded: 'TaskSucceeded', failed: 'TaskFailed', timedOut: 'TaskTimedOut' },
  lambda: { started: 'LambdaFunctionStarted', succeeded: 'LambdaFunctionSucceeded', failed: 'LambdaFunctionFailed', timedOut: 'LambdaFunctionTimedOut' },
  activity: { started: 'ActivityStarted', succeeded: 'ActivitySucceeded', failed: 'ActivityFailed', timedOut: 'ActivityTimedOut' },
};

/** `timeoutInSeconds` / `heartbeatInSeconds` after the other details, when the request has them. */
function withLimits(details: JsonObject, request: TaskBlocked): JsonObject {
  if (request.timeoutSeconds !== undefined) details['timeoutInSeconds'] = request.timeoutSeconds;
  if (request.heartbeatSeconds !== undefined) details['heartbeatInSeconds'] = request.heartbeatSeconds;
  return details;
}

/** A payload event's details (`output`, `outputDetails`), after `resourceType` and `resource` for the Task family. */
function outputDetails(info: ResourceInfo, output: Json): JsonObject {
  return info.family === 'task' ? { resourceType: info.resourceType, resource: info.resource, output, outputDetails: DETAILS } : { output, outputDetails: DETAILS };
}

function withResource(info: ResourceInfo, details: JsonObject): JsonObject {
  return info.family === 'task' ? { resourceType: info.resourceType, resource: info.resource, ...details } : details;
}

/** A payload as the events carry it: JSON text, or the value itself (StepContext.payloads). */
function payload(run: StateRun, v: Json): Json {
  return payloadsAsValues(run.ctx) ? v : toJsonText(v);
}

function errorFields(error: string | undefined, cause: string | undefined): JsonObject {
  const out: JsonObject = {};
  if (error !== undefined) out['error'] = error;
  if (cause !== undefined) out['cause'] = cause;
  return out;
}

/** The frame stays blocked on its task request (a function, not a closure per resume). */
function stay(run: StateRun, request: TaskBlocked): Outcome {
  return { kind: 'block', phase: 'task', pending: run.frame.pending, blocked: request };
}

export const taskEvaluator: StateEvaluator<TaskState> = {
  enter(run, state) {
    const raw = run.frame.stateInput;
    const info = parseResource(state.Resource);
    const token = info.pattern === 'waitForTaskToken' || info.family === 'activity' ? run.ctx.newTaskToken() : undefined;
    // `$$` is built only when read, unless it carries the task token (a template reading `$$` without one gets the same object from sourcesFor).
    const context = token !== undefined ? run.contextObject({ Task: { Token: token } }) : undefined;
    if (run.queryLanguage === 'JSONata') return enterJsonata(run, state, info, token, context);
    const effective = selectPath(run, state.InputPath, raw);
    const input = state.Parameters !== undefined ? evaluateTemplate(run, state.Parameters, effective, 'Parameters', context) : effective;
    const credentials = state.Credentials !== undefined ? evaluateTemplate(run, state.Credentials, effective, 'Credentials', context) : undefined;
    return schedule(run, state, info, { input, credentials, effective, token, bound: inputBound(run, state) });
  },

  resume(run, state, signal: Signal): Outcome | Promise<Outcome> {
    const info = parseResource(state.Resource);
    const events = EVENTS[info.family];
    const pendingRequest = run.frame.pending?.['request'];
    const request = (isObject(pendingRequest) ? pendingRequest : {}) as unknown as TaskBlocked;
    switch (signal.kind) {
      case 'taskStarted':
        if (info.family === 'task') run.emit(events.started, { resourceType: info.resourceType, resource: info.resource });
        else if (info.family === 'activity') run.emit(events.started, signal.workerName !== undefined ? { workerName: signal.workerName } : {});
        else run.emit(events.started);
        return stay(run, request);
      case 'taskSubmitted':
        if (info.family === 'task') {
          run.emit('TaskSubmitted', outputDetails(info, payload(run, signal.output ?? {})));
        }
        return stay(run, request);
      case 'taskSucceeded':
        run.emit(events.succeeded, outputDetails(info, payload(run, signal.output)));
        return completeWithResult(run, state, signal.output);
      case 'taskFailed': {
        run.emit(events.failed, withResource(info, errorFields(signal.error, signal.cause)));
        const out: { kind: 'fail'; handled: true; reportedByTask: true; error?: string; cause?: string } = { kind: 'fail', handled: true, reportedByTask: true };
        if (signal.error !== undefined) out.error = signal.error;
        if (signal.cause !== undefined) out.cause = signal.cause;
        return out;
      }
      case 'timedOut': {
        // AWS: a timed-out task has an empty cause (recorded: Catch output {"Error":"States.Timeout","Cause":""})
        const cause = signal.cause ?? '';
        run.emit(events.timedOut, withResource(info, errorFields(signal.error, cause)));
        return { kind: 'fail', error: signal.error, cause, handled: true };
      }
      case 'timerFired':
      case 'childrenSucceeded':
      case 'childrenFailed':
      case 'aborted':
        return { kind: 'fail', error: 'States.Runtime', cause: `A Task state cannot handle the signal '${signal.kind}'.`, handled: false };
    }
  },
};

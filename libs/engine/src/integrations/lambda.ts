/**
 * Lambda tasks, so definitions written for AWS run unchanged: `arn:aws:lambda:REGION:ACCOUNT:
 * function:NAME` (the result is the function's answer) and `arn:aws:states:::lambda:invoke`
 * (Parameters {FunctionName, Payload}; the result is wrapped as AWS does: {StatusCode, Payload,
 * ExecutedVersion, SdkHttpMetadata...}). Functions resolve to in-process handlers registered in
 * code, else to an HTTP endpoint by STEPWISE_LAMBDA_ENDPOINTS (name or `*` → URL; POST the payload).
 */
import { isObject, type Json } from '@stepwise/asl';
import type { TaskHandler, TaskOutcome, TaskRequest } from './types.js';

/** FunctionName as Lambda's Invoke takes it: a name, `name:qualifier`, a full or a partial ARN (`ACCOUNT:function:name[:qualifier]`). */
export function functionName(ref: string): string {
  const m = /^(?:arn:[^:]+:lambda:[^:]*:)?[^:]*:function:([^:]+)(?::[^:]+)?$/.exec(ref);
  return m?.[1] ?? ref.split(':')[0] ?? ref;
}

export interface LambdaRouting {
  readonly endpoints: Readonly<Record<string, string>>;
  readonly handlers: ReadonlyMap<string, TaskHandler>;
}

async function callFunction(name: string, payload: Json, req: TaskRequest, routing: LambdaRouting): Promise<TaskOutcome> {
  const handler = routing.handlers.get(name);
  if (handler) {
    try {
      return { kind: 'succeeded', output: await handler(payload, { resource: req.resource, idempotencyKey: req.idempotencyKey, executionArn: req.executionArn, stateName: req.stateName, attempt: req.attempt, ...(req.taskToken !== undefined ? { taskToken: req.taskToken } : {}) }) };
    } catch (e) {
      return failedFrom(e);
    }
  }
  const url = routing.endpoints[name] ?? routing.endpoints['*'];
  if (url === undefined) {
    return { kind: 'failed', error: 'Lambda.ResourceNotFoundException', cause: `Function not found: ${name}. Map it in STEPWISE_LAMBDA_ENDPOINTS or register a handler.` };
  }
  let res: Response;
  try {
    res = await fetch(url.replace('{name}', encodeURIComponent(name)), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': req.idempotencyKey },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(req.timeoutMs ?? 900_000),
    });
  } catch (e) {
    return { kind: 'failed', error: 'Lambda.ServiceException', cause: e instanceof Error ? e.message : String(e) };
  }
  const text = await res.text();
  let body: Json = text;
  try {
    body = text === '' ? null : (JSON.parse(text) as Json);
  } catch {
    body = text;
  }
  // A function error: AWS reports the function's errorType/errorMessage as Error/Cause.
  if (res.status >= 400 || res.headers.get('x-amz-function-error')) {
    const errorType = isObject(body) && typeof body.errorType === 'string' ? body.errorType : res.status >= 500 ? 'Lambda.ServiceException' : 'Lambda.Unknown';
    return { kind: 'failed', error: errorType, cause: typeof body === 'string' ? body : JSON.stringify(body) };
  }
  return { kind: 'succeeded', output: body };
}

function failedFrom(e: unknown): TaskOutcome {
  if (isObject(e as Json) && typeof (e as { error?: unknown }).error === 'string') {
    const se = e as { error: string; cause?: unknown };
    return { kind: 'failed', error: se.error, cause: typeof se.cause === 'string' ? se.cause : '' };
  }
  return { kind: 'failed', error: e instanceof Error ? e.name : 'Error', cause: e instanceof Error ? e.message : String(e) };
}

/** `arn:aws:lambda:...:function:NAME`: the result is the function's own answer. */
export async function lambdaFunction(req: TaskRequest, routing: LambdaRouting): Promise<TaskOutcome> {
  return callFunction(functionName(req.resource), req.input, req, routing);
}

/** `arn:aws:states:::lambda:invoke`: the result wrapped as AWS's Invoke response. */
export async function lambdaInvoke(req: TaskRequest, routing: LambdaRouting): Promise<TaskOutcome> {
  const p = req.input;
  if (!isObject(p) || typeof p.FunctionName !== 'string') {
    return { kind: 'failed', error: 'States.Runtime', cause: 'The lambda:invoke task needs the parameter FunctionName.' };
  }
  const r = await callFunction(functionName(p.FunctionName), p.Payload ?? null, req, routing);
  if (r.kind !== 'succeeded') return r;
  return {
    kind: 'succeeded',
    output: {
      ExecutedVersion: '$LATEST',
      Payload: r.output,
      SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'application/json' }, HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: req.idempotencyKey },
      StatusCode: 200,
    },
  };
}

export { failedFrom };

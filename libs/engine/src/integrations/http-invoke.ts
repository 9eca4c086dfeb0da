/**
 * The HTTP task `arn:aws:states:::http:invoke`: ApiEndpoint, Method, Headers, QueryParameters,
 * RequestBody and Transform as AWS reads them; the result `{StatusCode, StatusText, Headers,
 * ResponseBody}`; a non-2xx answer fails with `States.Http.StatusCode.<code>`. Authentication /
 * ConnectionArn are accepted and ignored (there is no EventBridge connection here): logged.
 */
import { isObject, type Json } from '@stepwise/asl';
import { injectTraceContext } from '@stepwise/observability';
import type { TaskOutcome, TaskRequest } from './types.js';

type Log = (level: 'info' | 'warn', msg: string, fields?: Record<string, unknown>) => void;

function encodeQuery(params: Json, arrayFormat: string): string {
  if (!isObject(params)) return '';
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) {
      if (arrayFormat === 'COMMAS') sp.append(k, v.map(String).join(','));
      else if (arrayFormat === 'BRACKETS') for (const x of v) sp.append(`${k}[]`, String(x));
      else if (arrayFormat === 'INDICES') v.forEach((x, i) => sp.append(`${k}[${i}]`, String(x)));
      else for (const x of v) sp.append(k, String(x));
    } else if (v !== null && typeof v === 'object') {
      sp.append(k, JSON.stringify(v));
    } else {
      sp.append(k, String(v));
    }
  }
  return sp.toString();
}

export async function httpInvoke(req: TaskRequest, log: Log): Promise<TaskOutcome> {
  const p = req.input;
  if (!isObject(p) || typeof p.ApiEndpoint !== 'string' || typeof p.Method !== 'string') {
    return { kind: 'failed', error: 'States.Runtime', cause: 'The http:invoke task needs the parameters ApiEndpoint and Method.' };
  }
  if (p.Authentication !== undefined) log('info', 'http:invoke: Authentication/ConnectionArn is accepted and ignored', { state: req.stateName });
  const transform = isObject(p.Transform) ? p.Transform : {};
  const arrayFormat = isObject(transform.RequestEncodingOptions) && typeof transform.RequestEncodingOptions.ArrayFormat === 'string' ? transform.RequestEncodingOptions.ArrayFormat : 'INDICES';
  const url = new URL(p.ApiEndpoint);
  if (p.QueryParameters !== undefined) {
    const q = encodeQuery(p.QueryParameters, arrayFormat);
    if (q) url.search = url.search ? `${url.search}&${q}` : q;
  }
  // The task attempt's span context (W3C traceparent) when a trace runs; the user's Headers win.
  const headers: Record<string, string> = injectTraceContext({ 'Idempotency-Key': req.idempotencyKey });
  if (isObject(p.Headers)) for (const [k, v] of Object.entries(p.Headers)) headers[k] = typeof v === 'string' ? v : JSON.stringify(v);
  let body: string | undefined;
  if (p.RequestBody !== undefined && p.Method !== 'GET' && p.Method !== 'HEAD') {
    if (transform.RequestBodyEncoding === 'URL_ENCODED') {
      body = encodeQuery(p.RequestBody, arrayFormat);
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    } else {
      body = typeof p.RequestBody === 'string' ? p.RequestBody : JSON.stringify(p.RequestBody);
      headers['Content-Type'] ??= 'application/json';
    }
  }
  let res: Response;
  try {
    res = await fetch(url, { method: p.Method, headers, ...(body !== undefined ? { body } : {}), signal: AbortSignal.timeout(req.timeoutMs ?? 60_000) });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { kind: 'failed', error: 'States.Http.Socket', cause: `The HTTP request to ${url.origin} failed: ${why}` };
  }
  const text = await res.text();
  let responseBody: Json = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      responseBody = JSON.parse(text) as Json;
    } catch {
      responseBody = text;
    }
  }
  const outHeaders: Record<string, Json> = {};
  res.headers.forEach((v, k) => {
    outHeaders[k] = [v];
  });
  const result = { Headers: outHeaders, ResponseBody: responseBody, StatusCode: res.status, StatusText: res.statusText };
  if (res.status >= 200 && res.status < 300) return { kind: 'succeeded', output: result };
  return { kind: 'failed', error: `States.Http.StatusCode.${res.status}`, cause: JSON.stringify(result) };
}

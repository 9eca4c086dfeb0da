/**
 * The console's only back end: the api's REST routes through openapi-fetch, requests and
 * responses typed by schema.d.ts (generated from the api's OpenAPI document). Adds the bearer token, turns AWS-shaped errors
 * into ApiCallError, and notices when the api asks for authentication.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';
import { getToken, markAuthNeeded } from './auth.js';

export class ApiCallError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status: number,
  ) {
    super(`${type}: ${message}`);
    this.name = 'ApiCallError';
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 || response.status === 403) markAuthNeeded(true);
    return response;
  },
};

export const client = createClient<paths>({ baseUrl: window.location.origin });
client.use(auth);

/** AWS's answers to a missing or wrong credential (status 400 or 403, as AWS sends them). */
const AUTH_ERRORS = new Set(['MissingAuthenticationTokenException', 'UnrecognizedClientException', 'IncompleteSignature', 'InvalidSignatureException', 'AccessDeniedException']);

interface FetchResult<T> {
  readonly data?: T;
  readonly error?: unknown;
  readonly response: Response;
}

/** The body of a successful call, typed by the OpenAPI document; throws ApiCallError otherwise. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let r: FetchResult<T>;
  try {
    r = await call;
  } catch (e) {
    throw new ApiCallError('NetworkError', e instanceof Error ? e.message : String(e), 0);
  }
  if (!r.response.ok) {
    const err = r.error as { __type?: string; message?: string } | undefined;
    if (err?.__type && AUTH_ERRORS.has(err.__type)) markAuthNeeded(true);
    throw new ApiCallError(err?.__type ?? `HTTP ${r.response.status}`, err?.message ?? r.response.statusText, r.response.status);
  }
  // An empty success body (none of the console's calls has one) reads as an empty object.
  return (r.data ?? {}) as T;
}

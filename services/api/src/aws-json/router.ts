/**
 * The AWS JSON 1.0 protocol: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`. A thin
 * layer: read the target, parse the body, hand it to invoke(), write epoch-second timestamps.
 */
import type { Request, Response } from 'express';
import { ApiError, isActionName, toApiError } from '@stepwise/protocol';
import type { RequestState } from '../request-state.js';
import { invoke, type InvokeOptions } from '../actions/invoke.js';
import { AWS_JSON, awsJson, sendError } from '../middleware/respond.js';

const PREFIX = 'AWSStepFunctions.';

export function parseJsonBody(body: unknown): unknown {
  const buf = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (buf.length === 0) return {};
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new ApiError('SerializationException', 'Malformed JSON in the request body.');
  }
}

export function awsJsonHandler(opts: InvokeOptions) {
  return async (req: Request, res: Response): Promise<void> => {
    const state = res.locals.sw as RequestState;
    const target = req.get('x-amz-target') ?? '';
    const action = target.startsWith(PREFIX) ? target.slice(PREFIX.length) : '';
    state.action = isActionName(action) ? action : 'unknown';
    try {
      if (!isActionName(action)) throw new ApiError('UnknownOperationException', target ? `Unknown operation: '${target}'` : 'Missing X-Amz-Target header');
      const out = await invoke(action, parseJsonBody(req.body), state.context, opts);
      if (!res.headersSent && !state.context.signal.aborted) res.status(200).type(AWS_JSON).send(awsJson(out));
    } catch (e) {
      const err = toApiError(e);
      state.error = err.type;
      if (!res.headersSent) sendError(res, err, AWS_JSON);
    }
  };
}

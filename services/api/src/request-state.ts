/**
 * Per-request state kept on `res.locals.sw`: the request id (returned as x-amzn-RequestId and
 * written in every log line), the action for metrics, and the context handed to handlers.
 */
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { ArnScope } from '@stepwise/protocol';
import type { ActionContext } from './actions/context.js';
import type { ApiLogger, AppDeps } from './deps.js';

export interface RequestState {
  readonly requestId: string;
  readonly started: number;
  action: string;
  error?: string;
  readonly context: ActionContext;
}

export function requestState(deps: AppDeps, scope: ArnScope) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const requestId = randomUUID();
    const controller = new AbortController();
    // The client went away before the answer: stop long polls.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    // The child logger is made only when a handler logs (errors): the per-request line below
    // carries the request id itself, which keeps the common path cheap.
    let child: ApiLogger | undefined;
    const traceHeader = req.get('x-amzn-trace-id') ?? req.get('traceparent');
    const context: ActionContext = {
      deps, scope, requestId, signal: controller.signal,
      ...(traceHeader !== undefined && traceHeader.length <= 256 ? { traceHeader } : {}),
      get log() {
        return (child ??= deps.logger.child({ requestId }));
      },
    };
    const state: RequestState = { requestId, started: performance.now(), action: `${req.method} ${req.path}`, context };
    res.locals.sw = state;
    res.set('x-amzn-RequestId', requestId);
    res.on('finish', () => {
      const seconds = (performance.now() - state.started) / 1000;
      deps.metrics?.request(state.action, res.statusCode, seconds);
      if (state.error !== undefined) deps.metrics?.error(state.action, state.error);
      const line = { requestId, action: state.action, status: res.statusCode, ms: Math.round(seconds * 1000), ...(state.error !== undefined ? { error: state.error } : {}) };
      if (res.statusCode >= 500) deps.logger.error(line, 'request failed');
      else deps.logger.info(line, 'request');
    });
    next();
  };
}

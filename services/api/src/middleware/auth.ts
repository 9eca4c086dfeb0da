/**
 * Authentication, when STEPWISE_AUTH=required: the AWS protocol needs a valid SigV4 signature
 * (STEPWISE_ACCESS_KEYS); REST takes a bearer token (STEPWISE_API_TOKENS) or a SigV4 signature.
 * With STEPWISE_AUTH=none everything is open and main.ts logs a warning saying so.
 */
import type { NextFunction, Request, Response } from 'express';
import { toApiError } from '@stepwise/protocol';
import type { Config } from '@stepwise/config';
import type { RequestState } from '../request-state.js';
import { parseAccessKeys, verifySigV4 } from './sigv4.js';
import { parseTokens, verifyBearer } from './bearer.js';
import { AWS_JSON, sendError } from './respond.js';

export function authenticate(config: Config, mode: 'aws' | 'rest', now: () => number = Date.now) {
  const keys = parseAccessKeys(config.STEPWISE_ACCESS_KEYS);
  const tokens = parseTokens(config.STEPWISE_API_TOKENS);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (config.STEPWISE_AUTH !== 'required') return next();
    try {
      const auth = req.get('authorization') ?? '';
      if (mode === 'rest' && !auth.startsWith('AWS4-')) verifyBearer(auth, tokens);
      else verifySigV4({ method: req.method, url: req.originalUrl, headers: req.headers, body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0) }, keys, now());
      next();
    } catch (e) {
      const err = toApiError(e);
      (res.locals.sw as RequestState).error = err.type;
      sendError(res, err, mode === 'aws' ? AWS_JSON : 'application/json');
    }
  };
}

/**
 * Writing answers: AWS JSON 1.0 renders Dates as epoch seconds, REST as ISO 8601; errors are
 * `{"__type", "message"}` with the table's status everywhere; every answer carries the request id.
 */
import type { Response } from 'express';
import type { ApiError } from '@stepwise/protocol';

export const AWS_JSON = 'application/x-amz-json-1.0';

/** Dates → epoch seconds, copying only what it walks (faster than a JSON.stringify replacer). */
function epochSeconds(v: unknown): unknown {
  if (v instanceof Date) return v.getTime() / 1000;
  if (Array.isArray(v)) return v.map(epochSeconds);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = epochSeconds(x);
    return out;
  }
  return v;
}

export function awsJson(value: unknown): string {
  return JSON.stringify(epochSeconds(value));
}

export function sendError(res: Response, err: ApiError, contentType: string): void {
  res.status(err.status).type(contentType).set('x-amzn-ErrorType', err.type).send(JSON.stringify(err.toBody()));
}

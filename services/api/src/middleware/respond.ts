/**
 * Writing answers: AWS JSON 1.0 renders Dates as epoch seconds, REST as ISO 8601; errors are
 * `{"__type", "message"}` with the table's status everywhere; every answer carries the request id.
 */
import type { Response } from 'express';
import type { ApiError } from '@stepwise/protocol';

export const AWS_JSON = 'application/x-amz-json-1.0';

export function awsJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : v;
  });
}

export function sendError(res: Response, err: ApiError, contentType: string): void {
  res.status(err.status).type(contentType).set('x-amzn-ErrorType', err.type).send(JSON.stringify(err.toBody()));
}

/**
 * Opaque pagination tokens for the lists the api serves itself (state machines, versions,
 * aliases, activities). A token is base64url of `{k: <list kind>, c: <cursor>}`; a token from
 * another list, or text that is not one, is refused with AWS's InvalidToken.
 */
import { ApiError } from './api-errors.js';

export function encodePageToken(kind: string, cursor: string): string {
  return Buffer.from(JSON.stringify({ k: kind, c: cursor }), 'utf8').toString('base64url');
}

export function decodePageToken(kind: string, token: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'object' && parsed !== null && 'k' in parsed && 'c' in parsed && parsed.k === kind && typeof parsed.c === 'string') return parsed.c;
  throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
}

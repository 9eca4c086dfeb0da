/**
 * Bearer tokens for REST and the console (STEPWISE_API_TOKENS), compared in constant time.
 * AWS-signed requests are accepted on REST too, so one set of credentials can serve both.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '@stepwise/protocol';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function parseTokens(text: string): readonly Buffer[] {
  return text.split(',').map((t) => t.trim()).filter((t) => t !== '').map(digest);
}

export function verifyBearer(authorization: string | undefined, tokens: readonly Buffer[]): void {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m?.[1]) throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const given = digest(m[1]);
  if (!tokens.some((t) => timingSafeEqual(t, given))) throw new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.');
}

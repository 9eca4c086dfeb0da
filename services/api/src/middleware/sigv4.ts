/**
 * AWS Signature Version 4 verification, so the AWS SDKs and CLI authenticate with the access
 * keys configured in STEPWISE_ACCESS_KEYS exactly as they do against AWS. The canonical request
 * is rebuilt from the raw request (method, path, query, the signed headers, the body's SHA-256)
 * and the signature compared in constant time; a timestamp more than 15 minutes away is refused.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from '@stepwise/protocol';

export interface SignedRequest {
  readonly method: string;
  /** Path and query as received (`req.originalUrl`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

const MAX_SKEW_MS = 15 * 60 * 1000;

/** Parses `ID:SECRET,ID2:SECRET2` (STEPWISE_ACCESS_KEYS). */
export function parseAccessKeys(text: string): ReadonlyMap<string, string> {
  const keys = new Map<string, string>();
  for (const pair of text.split(',')) {
    const i = pair.indexOf(':');
    if (i > 0) keys.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
  }
  return keys;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it. */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const i = p.indexOf('=');
      const k = decodeURIComponent((i < 0 ? p : p.slice(0, i)).replace(/\+/g, ' '));
      const v = i < 0 ? '' : decodeURIComponent(p.slice(i + 1).replace(/\+/g, ' '));
      return [uriEncode(k), uriEncode(v)] as const;
    })
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(h: string | string[] | undefined): string {
  const v = Array.isArray(h) ? h.join(',') : (h ?? '');
  return v.trim().replace(/\s+/g, ' ');
}

/** Parses `X-Amz-Date` (20240101T000000Z) to epoch ms. */
function amzDateMs(d: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(d);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** Verifies the request's signature; returns the access key id, or throws AWS's error. */
export function verifySigV4(req: SignedRequest, keys: ReadonlyMap<string, string>, now: number): string {
  const auth = headerValue(req.headers.authorization);
  if (!auth) throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) throw new ApiError('IncompleteSignature', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${auth.split(' ')[0] ?? ''}`);
  const [, credential = '', signedHeadersText = '', signature = ''] = m;
  const [accessKeyId = '', day = '', region = '', service = '', terminator] = credential.split('/');
  if (terminator !== 'aws4_request') throw new ApiError('IncompleteSignature', 'Credential should be scoped to a valid region, service and aws4_request.');
  const secret = keys.get(accessKeyId);
  if (secret === undefined) throw new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const amzDate = headerValue(req.headers['x-amz-date']);
  const ts = amzDateMs(amzDate);
  if (Number.isNaN(ts) || !amzDate.startsWith(day)) throw new ApiError('IncompleteSignature', 'Missing or invalid X-Amz-Date header.');
  if (Math.abs(now - ts) > MAX_SKEW_MS) {
    throw new ApiError('InvalidSignatureException', `Signature expired: ${amzDate} is now earlier or later than the allowed 15 minutes from the current time.`);
  }
  const signedHeaders = signedHeadersText.split(';');
  if (!signedHeaders.includes('host')) throw new ApiError('InvalidSignatureException', "'Host' must be a signed header.");
  const q = req.url.indexOf('?');
  const rawPath = q < 0 ? req.url : req.url.slice(0, q);
  const path = rawPath.split('/').map((seg) => uriEncode(decodeURIComponent(seg))).join('/') || '/';
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${headerValue(req.headers[h])}\n`).join('');
  const payloadHash = headerValue(req.headers['x-amz-content-sha256']) || sha256(req.body);
  const canonicalRequest = [req.method.toUpperCase(), path, canonicalQuery(q < 0 ? '' : req.url.slice(q + 1)), canonicalHeaders, signedHeadersText, payloadHash].join('\n');
  const scope = `${day}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ApiError('InvalidSignatureException', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return accessKeyId;
}

/**
 * Identifiers the engine derives: the execution id (the hash tag of every key of an execution)
 * from an execution ARN, and task tokens. A task token names the execution, frame and wait it
 * was made for (so answering it touches one slot) plus 256 random bits, so it is unguessable.
 */
import { randomBytes } from 'node:crypto';
import { parseArn } from '@stepwise/protocol';
import type { ExecutionId, FrameId } from './keys.js';

/** The execution id of an execution ARN, or undefined when the ARN is not a STANDARD execution's. */
export function executionIdOf(executionArn: string): ExecutionId | undefined {
  const p = parseArn(executionArn);
  if (!p || p.resource !== 'execution' || p.parts.length !== 2) return undefined;
  const [sm, name] = p.parts;
  if (!sm || !name || sm.includes('.') || name.includes('.')) return undefined;
  return `${sm}.${name}`;
}

export interface TokenTarget {
  readonly executionId: ExecutionId;
  readonly frameId: FrameId;
  /** The wait (frame version at block time) the token answers. */
  readonly waitId: string;
}

/** A fresh task token for one wait of one frame. */
export function newTaskToken(t: TokenTarget): string {
  const head = Buffer.from(JSON.stringify([t.executionId, t.frameId, t.waitId])).toString('base64url');
  return `${head}.${randomBytes(32).toString('base64url')}`;
}

/** Where a token points, or undefined when it is not one of ours (AWS: InvalidToken). */
export function parseTaskToken(token: string): TokenTarget | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || token.length > 1024) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 3 || !v.every((s) => typeof s === 'string')) return undefined;
    const [executionId, frameId, waitId] = v as [string, string, string];
    return { executionId, frameId, waitId };
  } catch {
    return undefined;
  }
}

/**
 * A timer's member in the scheduler's sorted set names the execution, frame and wait it was made
 * for (its stamp) and its kind; fire-timer.lua compares the stamp with the frame's current wait
 * and drops stale timers. `|` cannot occur in execution ids, frame ids or wait ids.
 */
import type { ExecutionId, FrameId } from '../keys.js';

export type TimerKind = 'wait' | 'retry' | 'timeout' | 'hb' | 'exec';

export interface TimerRecord {
  readonly executionId: ExecutionId;
  readonly frame: FrameId;
  readonly waitId: string;
  readonly kind: TimerKind;
}

export function timerMember(t: TimerRecord): string {
  return `${t.executionId}|${t.frame}|${t.waitId}|${t.kind}`;
}

export function parseTimerMember(m: string): TimerRecord | undefined {
  const parts = m.split('|');
  if (parts.length !== 4) return undefined;
  const [executionId, frame, waitId, kind] = parts as [string, string, string, string];
  if (!['wait', 'retry', 'timeout', 'hb', 'exec'].includes(kind)) return undefined;
  return { executionId, frame, waitId, kind: kind as TimerKind };
}

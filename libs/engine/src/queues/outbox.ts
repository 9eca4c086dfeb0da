/**
 * Outbox entries: what must happen after a commit, written by the same Lua script as the state
 * change and turned into jobs, timers and calls by the relay (queues/relay.ts). Entries are
 * idempotent to relay: job ids are deterministic, timers are set members, notifications are
 * single-use answers.
 */
import type { FrameId } from '../keys.js';

export type OutboxEntry =
  /** Run the frame's next step (advance queue), for the frame version it was made for. */
  | { readonly t: 'adv'; readonly f: FrameId; readonly v: number }
  /**
   * Dispatch the frame's task (task queue) for the wait it was made for. `g`: when it was planned,
   * which tells a frame's incarnations apart (a redriven item runs again from version 0).
   */
  | { readonly t: 'task'; readonly f: FrameId; readonly w: string; readonly g?: number }
  /** Add a timer to the scheduler's sorted set. */
  | { readonly t: 'timer'; readonly m: string; readonly due: number }
  /** Offer an activity task to GetActivityTask pollers; index the waiting task. */
  | { readonly t: 'act'; readonly arn: string; readonly tok: string }
  /** Index a task waiting for a person or a callback (listWaitingTasks). */
  | { readonly t: 'wtask'; readonly tok: string; readonly since: number }
  /** Stop a nested child execution (its parent stopped). */
  | { readonly t: 'stopChild'; readonly arn: string }
  /** A nested child execution ended: answer the parent's waiting task (execution, frame, wait). */
  | { readonly t: 'notify'; readonly pe: string; readonly pf: string; readonly pw: string; readonly arn: string; readonly pattern: string; readonly pg?: string }
  /** A Distributed Map's run opened: index its id (keys.ts mapRuns), so its child execution ARNs resolve. */
  | { readonly t: 'mapRun'; readonly id: string; readonly arn: string };

export function parseOutboxEntry(text: string): OutboxEntry | undefined {
  try {
    const v = JSON.parse(text) as { t?: unknown };
    switch (v.t) {
      case 'adv': case 'task': case 'timer': case 'act': case 'wtask': case 'stopChild': case 'notify': case 'mapRun':
        return v as OutboxEntry;
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** Pairs `[id, json, id, json, ...]` as returned by the scripts. */
export function entriesFromReply(flat: readonly unknown[]): Array<[string, OutboxEntry]> {
  const out: Array<[string, OutboxEntry]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const id = flat[i];
    const json = flat[i + 1];
    if (typeof id !== 'string' || typeof json !== 'string') continue;
    const e = parseOutboxEntry(json);
    if (e) out.push([id, e]);
  }
  return out;
}

/**
 * Fires due timers from the scheduler's sorted set: each due member runs fire-timer.lua on its
 * execution (stamp check: stale timers are dropped), the resulting outbox entries are relayed,
 * and the member is removed. Used by the scheduler's precise loop and by fireTimerNow.
 * The members leave the set as soon as fire-timer.lua answered (its signal and outbox entry are
 * committed by then, so the outbox sweep covers a crash): the loop can look for the next due
 * timers while the fired ones' steps still run, instead of waiting for every step of a batch.
 */
import type { EngineCore } from '../core.js';
import { decodeCommit, decodeFire, queueCommitStep, queueFireTimer, type FireReply } from '../scripts/scripts.js';
import type { RedisReply } from '../scripts/define-script.js';
import { parseTimerMember } from './timer-record.js';
import type { DirtyMark } from '../queues/relay.js';
import { recordCommitted, relayOrRunInline, relaysNothing } from '../advance.js';
import { preparable, prepareStep, type Prefetched, type PreparedStep } from './prepared-steps.js';
import { countCommit, countTaskTimedOut, observeTimerLateness } from '../metrics.js';
import type { WaitingTask } from '../facade.js';

/** A batch fired: the scripts' replies, and the steps they started (settled when all committed). */
export interface FiredBatch {
  readonly handled: number;
  readonly replies: readonly FireReply[];
  readonly steps: Promise<void>;
  /** Members whose fire-timer.lua failed: still in the set, for a later look. */
  readonly failed?: readonly string[];
}

/** One look at the set: members due at `now` (not being fired already), and what comes after. */
export interface DueLook {
  /** Due members to fire, earliest first, at most `limit`. */
  readonly due: string[];
  /** The earliest due time after `now` (Infinity when none), or `now` when more are due than the look took. */
  readonly nextDue: number;
}

export interface LookOptions {
  readonly limit?: number;
  /** Members fired but not yet out of the set: skipped (the look takes that many more). */
  readonly firing?: ReadonlySet<string>;
  /** Also read the earliest later due time (same round trip); else `nextDue` is not known (NaN). */
  readonly next?: boolean;
}

/**
 * Reads the members due at `now`, skipping those being fired, and (with `next`) the earliest
 * later due time, in one round trip. Each due member's lateness is observed here.
 */
export async function lookDue(core: EngineCore, now: number, opts: LookOptions = {}): Promise<DueLook> {
  const limit = opts.limit ?? 500;
  // as the set was when the look went out: a batch leaving `firing` meanwhile may still be in the reply
  const firing = new Set(opts.firing ?? []);
  const take = limit + firing.size;
  const [withScores, after] = await Promise.all([
    core.redis.zrangebyscore(core.keys.timers(), '-inf', now, 'WITHSCORES', 'LIMIT', 0, take),
    opts.next ? core.redis.zrangebyscore(core.keys.timers(), `(${now}`, '+inf', 'WITHSCORES', 'LIMIT', 0, 1) : Promise.resolve(undefined),
  ]);
  const due: string[] = [];
  for (let i = 0; i + 1 < withScores.length && due.length < limit; i += 2) {
    const m = withScores[i] as string;
    if (firing.has(m)) continue;
    due.push(m);
    observeTimerLateness(parseTimerMember(m)?.kind ?? 'unknown', now - Number(withScores[i + 1]));
  }
  const more = withScores.length / 2 >= take;
  return { due, nextDue: more ? now : !after ? Number.NaN : after[1] !== undefined ? Number(after[1]) : Infinity };
}

/**
 * Fires up to `limit` timers due at `now` and resolves once they are fired and out of the set;
 * their steps (`steps`) may still be running.
 */
export async function fireDueTimersDetached(core: EngineCore, now: number, limit = 500): Promise<FiredBatch> {
  const { due } = await lookDue(core, now, { limit });
  if (due.length === 0) return { handled: 0, replies: [], steps: Promise.resolve() };
  const fired = await fireMembersDetached(core, due, now);
  return { ...fired, handled: due.length };
}

/** Fires up to `limit` timers due at `now` and waits for their steps; returns how many members were handled. */
export async function fireDueTimers(core: EngineCore, now: number, limit = 500): Promise<number> {
  const b = await fireDueTimersDetached(core, now, limit);
  await b.steps;
  return b.handled;
}

/** Fires the given timer members (in one pipeline), relays and removes them, and waits for their steps. */
export async function fireMembers(core: EngineCore, members: readonly string[], now: number): Promise<FireReply[]> {
  const b = await fireMembersDetached(core, members, now);
  await b.steps;
  return [...b.replies];
}

/**
 * Fires the given timer members in one pipeline and removes them from the set; their steps run
 * on. With `prefetched` state (timers/prepared-steps.ts), a Wait's or Retry's step is computed
 * first and its commit sent right behind the fire, in the same pipeline.
 */
export async function fireMembersDetached(core: EngineCore, members: readonly string[], now: number, prefetched?: ReadonlyMap<string, Prefetched>): Promise<FiredBatch> {
  const parsed = members.map((m) => ({ m, t: parseTimerMember(m) }));
  const prepared = new Map<string, PreparedStep>();
  if (prefetched && prefetched.size > 0 && core.runTimerStepsInline) {
    await Promise.all(parsed.map(async ({ m, t }) => {
      const pre = prefetched.get(m);
      if (!pre || !preparable(t)) return;
      try {
        const p = await prepareStep(core, t, pre);
        if (p) prepared.set(m, p);
      } catch (e) {
        core.log('warn', 'preparing a timer step failed; it runs after the fire', { member: m, error: String(e) });
      }
    }));
  }
  const pipe = core.redis.pipeline();
  const marks: DirtyMark[] = [];
  // Every execution's dirty mark in one ZADD ahead of the scripts (same round trip, written first).
  const markArgs: Array<string | number> = [];
  for (const { t } of parsed) {
    if (!t) continue;
    const mark = core.mark(t.executionId);
    marks.push(mark);
    markArgs.push(mark.score, mark.member);
  }
  if (markArgs.length > 0) pipe.zadd(core.keys.dirty(), ...markArgs);
  for (const { m, t } of parsed) {
    if (!t) continue;
    const p = prepared.get(m);
    queueFireTimer(pipe, core.keys, t.executionId, { member: m, frame: t.frame, waitId: t.waitId, kind: t.kind, now, load: p === undefined });
    if (p) queueCommitStep(pipe, core.keys, t.executionId, p.args);
  }
  const res = (await pipe.exec()) ?? [];
  const replies: FireReply[] = [];
  const failed: string[] = [];
  const relays: Array<() => Promise<void>> = [];
  const done = core.redis.pipeline();
  const gone: string[] = [];
  const settled: DirtyMark[] = [];
  const settle = (d: DirtyMark): void => void settled.push(d);
  let i = 0;
  let at = markArgs.length > 0 ? 1 : 0;
  for (const { m, t } of parsed) {
    if (!t) {
      gone.push(m);
      continue;
    }
    const [err, value] = res[at++] ?? [new Error('no reply'), null];
    const p = prepared.get(m);
    const committed = p ? res[at++] : undefined;
    const mark = marks[i] as DirtyMark;
    i++;
    // A prepared step's commit that applied is this timer's step, whatever the fire answered: its
    // signal may be another fire's of the same timer (fireTimerNow, a scheduler handing over),
    // whose own step then finds itself stale. Its entries must be relayed all the same.
    // A refused one is not counted: the step runs the usual way below and counts itself.
    if (p && committed && !committed[0]) {
      const c = decodeCommit(committed[1] as RedisReply[]);
      if (c.kind === 'committed') {
        countCommit('committed');
        if (!err) replies.push(decodeFire(value as RedisReply[]));
        gone.push(m);
        const entries = c.entries;
        relays.push(async () => {
          await recordCommitted(p.meta, t.frame, p.plan);
          if (entries.length === 0 && relaysNothing(p.args.plan)) settle(mark);
          else await core.relayAfterCommit(t.executionId, entries, mark);
        });
        continue;
      }
    }
    if (err) {
      core.log('warn', 'fire-timer failed; it stays for the next pass', { member: m, error: String(err) });
      failed.push(m);
      continue;
    }
    const reply = decodeFire(value as RedisReply[]);
    replies.push(reply);
    if (reply.kind === 'notYet') {
      done.zadd(core.keys.timers(), reply.due, m);
      settled.push(mark);
      continue;
    }
    if (reply.kind === 'stale' || reply.entries.length === 0) {
      settled.push(mark);
      gone.push(m);
      continue;
    }
    // A fired timer's step (a Wait's next states, a retry) runs right here: no queue hop between
    // the due time and the step. Its outbox entry stays until that step's commit deletes it.
    // fire-timer.lua returned what the step loads (execution, frame, signal): no load round trip.
    const known = reply.loaded ? { ...reply.loaded, childInput: null, spawn: null } : undefined;
    if (reply.loaded && (t.kind === 'timeout' || t.kind === 'hb')) {
      const frame = reply.loaded.frame;
      relays.push(() => countTimedOut(core, t.executionId, frame, t.kind === 'hb'));
    }
    relays.push(() => (core.runTimerStepsInline ? relayOrRunInline(core, t.executionId, reply.entries, mark, known, settle) : core.relayAfterCommit(t.executionId, reply.entries, mark)));
    gone.push(m);
  }
  if (gone.length > 0) done.zrem(core.keys.timers(), ...gone);
  // Out of the set first (same round trip as the first steps' loads), then the steps.
  const removed = done.length > 0 ? done.exec() : Promise.resolve(null);
  const steps = Promise.all(relays.map((r) => r())).then(
    () => undefined,
    (e: unknown) => core.log('warn', 'relaying a fired timer failed; the outbox sweep relays it', { error: String(e) }),
  ).then(async () => {
    // The marks with nothing left to relay (the steps committed and deleted their entries, or
    // the fire wrote none), in one command; a crash before leaves them to the sweep (a no-op).
    // Marks made before a reconnect stay for the sweep: a re-sent fire may have answered stale.
    const removable = core.relay.removable(settled);
    if (removable.length === 0) return;
    await core.redis.zrem(core.keys.dirty(), ...removable.map((d) => d.member)).catch((e: unknown) => core.log('warn', 'removing dirty marks failed; the sweep removes them', { error: String(e) }));
  });
  // Left in the set, fired members are found again and dropped as stale by fire-timer.lua.
  await removed.catch((e: unknown) => core.log('warn', 'removing fired timers failed; the next look drops them', { error: String(e) }));
  return { handled: members.length, replies, steps, ...(failed.length > 0 ? { failed } : {}) };
}

/**
 * A task's TimeoutSeconds or heartbeat fired: counted by its Resource, read from the frame's
 * pending task request (any task) or else from the waiting-task info of its token.
 */
async function countTimedOut(core: EngineCore, executionId: string, frame: Readonly<Record<string, string>>, heartbeat: boolean): Promise<void> {
  let resource = resourceOfPending(frame.st);
  if (resource === undefined && frame.tok !== undefined) {
    const info = await core.redis.hget(core.keys.taskInfo(executionId), frame.tok);
    if (info) resource = (JSON.parse(info) as WaitingTask).resource;
  }
  if (resource !== undefined) countTaskTimedOut(resource, heartbeat, core.integrations.handlers);
}

function resourceOfPending(st: string | undefined): string | undefined {
  if (st === undefined) return undefined;
  try {
    const f = JSON.parse(st) as { pending?: { request?: { resource?: unknown } } | null };
    const r = f.pending?.request?.resource;
    return typeof r === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

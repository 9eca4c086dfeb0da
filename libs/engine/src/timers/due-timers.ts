/**
 * Fires due timers from the scheduler's sorted set: each due member runs fire-timer.lua on its
 * execution (stamp check: stale timers are dropped), the resulting outbox entries are relayed,
 * and the member is removed. Used by the scheduler's precise loop and by fireTimerNow.
 */
import type { EngineCore } from '../core.js';
import { decodeFire, queueFireTimer, type FireReply } from '../scripts/scripts.js';
import type { RedisReply } from '../scripts/define-script.js';
import { parseTimerMember } from './timer-record.js';
import type { DirtyMark } from '../queues/relay.js';
import { relayOrRunInline } from '../advance.js';
import { observeTimerLateness } from '../metrics.js';

/** Fires up to `limit` timers due at `now`; returns how many members were handled. */
export async function fireDueTimers(core: EngineCore, now: number, limit = 500): Promise<number> {
  const withScores = await core.redis.zrangebyscore(core.keys.timers(), '-inf', now, 'WITHSCORES', 'LIMIT', 0, limit);
  if (withScores.length === 0) return 0;
  const due: string[] = [];
  for (let i = 0; i + 1 < withScores.length; i += 2) {
    const m = withScores[i] as string;
    due.push(m);
    observeTimerLateness(parseTimerMember(m)?.kind ?? 'unknown', now - Number(withScores[i + 1]));
  }
  await fireMembers(core, due, now);
  return due.length;
}

/** Fires the given timer members (in one pipeline), relays and removes them. */
export async function fireMembers(core: EngineCore, members: readonly string[], now: number): Promise<FireReply[]> {
  const pipe = core.redis.pipeline();
  const parsed = members.map((m) => ({ m, t: parseTimerMember(m) }));
  const marks: DirtyMark[] = [];
  for (const { m, t } of parsed) {
    if (!t) continue;
    const mark = core.mark(t.executionId);
    marks.push(mark);
    pipe.zadd(core.keys.dirty(), mark.score, mark.member);
    queueFireTimer(pipe, core.keys, t.executionId, { member: m, frame: t.frame, waitId: t.waitId, kind: t.kind, now });
  }
  const res = (await pipe.exec()) ?? [];
  const replies: FireReply[] = [];
  const relays: Promise<void>[] = [];
  const done = core.redis.pipeline();
  let i = 0;
  for (const { m, t } of parsed) {
    if (!t) {
      done.zrem(core.keys.timers(), m);
      continue;
    }
    const [err, value] = res[2 * i + 1] ?? [new Error('no reply'), null];
    const mark = marks[i] as DirtyMark;
    i++;
    if (err) {
      core.log('warn', 'fire-timer failed; it stays for the next pass', { member: m, error: String(err) });
      continue;
    }
    const reply = decodeFire(value as RedisReply[]);
    replies.push(reply);
    if (reply.kind === 'notYet') {
      done.zadd(core.keys.timers(), reply.due, m);
      relays.push(core.relayAfterCommit(t.executionId, [], mark));
      continue;
    }
    // A fired timer's step (a Wait's next states, a retry) runs right here: no queue hop between
    // the due time and the step. Its outbox entry stays until that step committed.
    relays.push(reply.kind === 'fired' && core.runTimerStepsInline ? relayOrRunInline(core, t.executionId, reply.entries, mark) : core.relayAfterCommit(t.executionId, reply.kind === 'fired' ? reply.entries : [], mark));
    done.zrem(core.keys.timers(), m);
  }
  await Promise.all(relays);
  if (done.length > 0) await done.exec();
  return replies;
}

/**
 * Steps computed the moment their timer is due, from state read shortly before (ADR 0013).
 * A Wait's or a Retry's timer has one possible outcome when it fires: the signal `timerFired`
 * for the wait it was made for. So the scheduler reads the execution and frame of the timers
 * coming due (`prefetchTimers`), and at the due time runs the pure step at once and sends the
 * fire and the step's commit in the same pipeline, one behind the other, instead of waiting for
 * the fire's reply before computing the step. commit-step.lua applies such a commit only if the
 * fire just queued exactly that signal on that wait (`plan.tf`) and nothing else moved (frame
 * version, event counter); otherwise the fire stands alone and its step runs the usual way.
 */
import type { EngineCore } from '../core.js';
import { planStep, type Loaded } from '../advance.js';
import type { CommitStepArgs } from '../scripts/scripts.js';
import { parseTimerMember, type TimerRecord } from './timer-record.js';

/** The one signal fire-timer.lua queues for a Wait's or a Retry's timer. */
export const TIMER_FIRED = '{"kind":"timerFired"}';

/** What a step loads, read ahead of the due time. */
export interface Prefetched {
  readonly meta: Record<string, string>;
  readonly frame: Record<string, string>;
}

/** A step planned from prefetched state: its commit goes out right behind the fire. */
export interface PreparedStep {
  readonly args: CommitStepArgs;
  readonly plan: Extract<Awaited<ReturnType<typeof planStep>>, { kind: 'plan' }>;
  readonly meta: Record<string, string>;
}

/** Whether a timer's step can be prepared: Waits and Retries (their signal is known in advance). */
export function preparable(t: TimerRecord | undefined): t is TimerRecord {
  return t !== undefined && (t.kind === 'wait' || t.kind === 'retry');
}

/** Reads the execution and frame of each preparable member, in one round trip. */
export async function prefetchTimers(core: EngineCore, members: readonly string[]): Promise<Map<string, Prefetched>> {
  const wanted = members.flatMap((m) => {
    const t = parseTimerMember(m);
    return preparable(t) ? [{ m, t }] : [];
  });
  const out = new Map<string, Prefetched>();
  if (wanted.length === 0) return out;
  const pipe = core.redis.pipeline();
  for (const { t } of wanted) {
    pipe.hgetall(core.keys.meta(t.executionId));
    pipe.hgetall(core.keys.frame(t.executionId, t.frame));
  }
  const res = (await pipe.exec()) ?? [];
  wanted.forEach(({ m }, i) => {
    const [e1, meta] = res[2 * i] ?? [null, null];
    const [e2, frame] = res[2 * i + 1] ?? [null, null];
    if (e1 || e2 || !meta || !frame) return;
    out.set(m, { meta: meta as Record<string, string>, frame: frame as Record<string, string> });
  });
  return out;
}

/**
 * Plans the step a timer's fire unblocks, from prefetched state, as if the fire had just
 * happened. Undefined when the state says the fire would not lead to a plain step (the frame
 * moved on, the execution ended, a frame inside a Distributed Map child: those take the usual way).
 */
export async function prepareStep(core: EngineCore, t: TimerRecord, pre: Prefetched): Promise<PreparedStep | undefined> {
  const { meta, frame } = pre;
  if (meta.status !== 'RUNNING' || frame.dead === '1' || frame.wid !== t.waitId || frame.wdone === '1' || frame.ho !== undefined) return undefined;
  const v = Number(frame.v ?? 0);
  if (v === 0) return undefined;
  const loaded: Loaded = { meta, frame: { ...frame, wdone: '1' }, signal: TIMER_FIRED, childInput: null, spawn: null };
  const p = await planStep(core, { e: t.executionId, f: t.frame, v }, loaded);
  if (p.kind !== 'plan') return undefined;
  // the fire writes the step's outbox entry and this commit deletes it, in the same pipeline
  const plan = { ...p.args.plan, consumed: `adv|${t.frame}|${v}`, tf: t.waitId };
  return { args: { ...p.args, plan }, plan: p, meta };
}

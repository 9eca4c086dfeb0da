/**
 * The scheduler's precise timer loop: sleeps until the earliest due timer (never longer than a
 * short poll, so timers added meanwhile are seen; such a poll reads only the set's head), fires
 * what is due and loops. Not BullMQ's delayed jobs: their promotion is bound to polling and
 * Redis's `hz`; this fires within milliseconds of the due time. Only the scheduler holding the
 * leader lease runs it.
 * A batch's steps run on while the loop looks for the next due timers (up to `maxInFlight`
 * timers' steps at once), so a burst of steps does not delay the timers due meanwhile; nor
 * does a batch's own round trip: members being fired are skipped by the next look, which may
 * fire timers due a millisecond later before the first batch has answered.
 */
import type { EngineCore } from '../core.js';
import { fireMembersDetached, lookDue } from './due-timers.js';
import { prefetchTimers, type Prefetched } from './prepared-steps.js';

export interface TimerLoop {
  stop(): Promise<void>;
}

export interface TimerLoopOptions {
  /** Longest sleep between looks at the set (ms): bounds the delay for a newly added earlier timer. */
  readonly pollMs?: number;
  /** Whether this process may fire now (leader lease held). */
  readonly isLeader?: () => boolean;
  /** Most fired timers whose steps may still be running before the loop waits for them. */
  readonly maxInFlight?: number;
  /**
   * How long before their due time Waits' and Retries' executions and frames are read, so their
   * steps are computed the moment they are due (timers/prepared-steps.ts); 0 turns it off.
   */
  readonly prefetchMs?: number;
}

/** A prefetched state older than this is not used: read again (or the step takes the usual way). */
const PREFETCH_TTL_MS = 2000;

/** How long a member whose fire failed (a script error, say) rests before it is tried again. */
const FAILED_REST_MS = 1000;

export function startTimerLoop(core: EngineCore, opts: TimerLoopOptions = {}): TimerLoop {
  const pollMs = opts.pollMs ?? 10;
  const maxInFlight = opts.maxInFlight ?? 2000;
  const prefetchMs = core.runTimerStepsInline ? (opts.prefetchMs ?? 50) : 0;
  const prefetched = new Map<string, Prefetched & { readonly at: number }>();
  let prefetchedUntil = -Infinity;
  let prefetching: Promise<void> | undefined;
  /** Reads ahead the state of the timers due within `prefetchMs` (not already read or firing). */
  const prefetch = async (now: number): Promise<void> => {
    for (const [m, p] of prefetched) if (now - p.at > PREFETCH_TTL_MS) prefetched.delete(m);
    const until = now + prefetchMs;
    const members = await core.redis.zrangebyscore(core.keys.timers(), '-inf', until, 'LIMIT', 0, 500);
    const got = await prefetchTimers(core, members.filter((m) => !firing.has(m) && !prefetched.has(m)));
    for (const [m, p] of got) prefetched.set(m, { ...p, at: now });
    prefetchedUntil = until;
  };
  /** The prefetched state of these members, taken out of the cache. */
  const takePrefetched = (due: readonly string[]): Map<string, Prefetched> | undefined => {
    if (prefetched.size === 0) return undefined;
    const out = new Map<string, Prefetched>();
    const now = core.clock.now();
    for (const m of due) {
      const p = prefetched.get(m);
      if (p === undefined) continue;
      prefetched.delete(m);
      if (now - p.at <= PREFETCH_TTL_MS) out.set(m, p);
    }
    return out;
  };
  let inFlight = 0;
  const batches = new Set<Promise<void>>();
  // Members whose fire is out but whose removal from the set has not answered yet: a look
  // meanwhile skips them, so a batch's round trip never holds back timers due after it.
  const firing = new Set<string>();
  // Members whose fire failed rest a while (skipped like those being fired), not retried at once.
  const resting = new Map<string, number>();
  let running = true;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    wake = () => {
      clearTimeout(t);
      resolve();
    };
  });
  const launch = (due: readonly string[], now: number): void => {
    for (const m of due) firing.add(m);
    inFlight += due.length;
    const out = () => {
      for (const m of due) firing.delete(m);
      // the set's head may have been one of these: look again now rather than after a poll
      wake?.();
    };
    const settled: Promise<void> = fireMembersDetached(core, due, now, takePrefetched(due)).then(
      (b) => {
        for (const m of b.failed ?? []) resting.set(m, core.clock.now() + FAILED_REST_MS);
        out();
        return b.steps;
      },
      (e: unknown) => {
        out();
        core.log('warn', 'firing timers failed; they stay for the next look', { error: String(e) });
      },
    ).finally(() => {
      inFlight -= due.length;
      batches.delete(settled);
    });
    batches.add(settled);
  };
  // The earliest due time the last look saw: until then an idle look reads only the set's head
  // (one command per poll), not the due members as well.
  let nextDue = -Infinity;
  const loop = async () => {
    while (running) {
      try {
        if (opts.isLeader && !opts.isLeader()) {
          nextDue = -Infinity;
          await sleep(pollMs * 5);
          continue;
        }
        while (inFlight >= maxInFlight && batches.size > 0) await Promise.race(batches);
        const now = core.clock.now();
        if (now >= nextDue || firing.size > 0) {
          for (const [m, until] of resting) if (until <= now) resting.delete(m);
          const skip = resting.size > 0 ? new Set([...firing, ...resting.keys()]) : firing;
          const look = await lookDue(core, now, { firing: skip, next: true });
          if (look.due.length > 0) launch(look.due, now);
          nextDue = look.nextDue;
          if (nextDue <= now) continue;
        } else {
          const next = await core.redis.zrange(core.keys.timers(), 0, 0, 'WITHSCORES');
          nextDue = next[1] !== undefined ? Number(next[1]) : Infinity;
        }
        // read ahead without waiting for it: a timer due before the read answered fires all the same
        if (prefetchMs > 0 && !prefetching && nextDue > prefetchedUntil && nextDue - core.clock.now() <= prefetchMs) {
          prefetching = prefetch(core.clock.now())
            .catch((e: unknown) => core.log('warn', 'prefetching timer state failed; the steps run after their fires', { error: String(e) }))
            .finally(() => (prefetching = undefined));
        }
        await sleep(Math.max(0, Math.min(pollMs, nextDue - core.clock.now())));
      } catch (e) {
        nextDue = -Infinity;
        core.log('warn', 'timer loop error', { error: String(e) });
        await sleep(200);
      }
    }
  };
  const done = loop();
  return {
    async stop() {
      running = false;
      wake?.();
      await done;
      await prefetching;
      await Promise.all(batches);
    },
  };
}

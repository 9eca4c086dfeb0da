/**
 * RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution resumes at the state that failed
 * (AWS: the redrive restarts from the unsuccessful state; SUCCEEDED and RUNNING executions are
 * not redrivable). A frame's failed state is its last `*StateEntered` event, found by walking the
 * frame's previousEventId chain; the frame re-enters that state with its input and fresh retry
 * counters, and `$$.Execution.RedriveCount` counts up.
 *
 * When the failed state is a Parallel or Map (inline or distributed), the state is not entered
 * again: its join reopens with the results of the children that succeeded, and only the children
 * that failed or were aborted run again (AWS: "reschedules and redrives only the iterations and
 * branches that failed or aborted"), each redriven the same way from its own failed state, so a
 * Parallel inside a failed iteration redrives only its failed branches. Children that wrote no
 * events (Distributed Map items) or never entered a state run again from their start. A
 * Distributed Map's run is redriven (MapRunRedriven, its redriveCount and redriveDate).
 * The plan is computed here from the ended execution and applied by redrive-execution.lua
 * with a status and event-counter check, so it cannot apply to an execution that moved on.
 */
import type { ChildSpawn, FrameState, Json } from '@stepwise/asl';
import type { EngineCore } from './core.js';
import { EngineError } from './facade.js';
import { countRedriven } from './metrics.js';
import { SCRIPTS, runMarked } from './scripts/scripts.js';
import { entriesFromReply } from './queues/outbox.js';
import { timerMember } from './timers/timer-record.js';

interface HistoryLink { id: number; previousEventId: number; type: string; stateEnteredEventDetails?: { name?: string; input?: string } }
interface Entered { readonly id: number; readonly name: string; readonly input: string }
/** The `rj` field: a fan-out kept when it ended without success (commit-step.lua). */
interface SavedJoin { st: string; spawn: string; jg: string; jt: string; jl: string; jm: string; jtc: string; jtp: string; mr: string }

interface Plan {
  drop: string[];
  joins: Array<{ f: string; saved: 0 | 1; fields: Record<string, string>; unset: number[] }>;
  resets: Array<{ f: string; st: string; wk: string; sig: string; clear: 0 | 1 }>;
  launch: string[];
  mapRuns: Array<[string, string]>;
  items: Array<[string, number]>;
  defer: Array<{ f: string; st: string }>;
}

const RETRY_SIGNAL = '{"kind":"timerFired"}';

export async function redriveExecution(core: EngineCore, executionId: string, executionArn: string): Promise<{ readonly redriveDate: number }> {
  const k = core.keys;
  const m = core.redis.multi();
  m.hgetall(k.meta(executionId));
  m.smembers(k.frames(executionId));
  m.lrange(k.history(executionId), 0, -1);
  m.hgetall(k.mapRunsOf(executionId));
  const r = (await m.exec()) ?? [];
  const meta = (r[0]?.[1] ?? {}) as Record<string, string>;
  const frameIds = (r[1]?.[1] ?? []) as string[];
  const history = (r[2]?.[1] ?? []) as string[];
  const mapRuns = (r[3]?.[1] ?? {}) as Record<string, string>;
  if (!meta.status) throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  if (meta.status === 'RUNNING' || meta.status === 'SUCCEEDED') {
    throw new EngineError('ExecutionNotRedrivable', `Execution is ${meta.status} and cannot be redriven`);
  }
  const fp = core.redis.pipeline();
  for (const f of frameIds) fp.hgetall(k.frame(executionId, f));
  const frames = new Map<string, Record<string, string>>();
  ((await fp.exec()) ?? []).forEach(([, v], i) => frames.set(frameIds[i] ?? '', (v ?? {}) as Record<string, string>));
  const root = frames.get('root');
  if (root?.st === undefined) throw new EngineError('ExecutionNotRedrivable', 'Execution has no state to redrive from');

  const parsed = new Map<number, HistoryLink>();
  const link = (id: number): HistoryLink | undefined => {
    let e = parsed.get(id);
    if (!e) {
      const t = history[id - 1];
      if (t === undefined) return undefined;
      e = JSON.parse(t) as HistoryLink;
      parsed.set(id, e);
    }
    return e;
  };
  /** The frame's last entered state: its chain back from lastEventId, not below `floor` (its spawn). */
  const enteredOf = (st: FrameState, floor: number): Entered | undefined => {
    let id = st.lastEventId;
    for (let hops = 0; id > floor && hops < 100_000; hops++) {
      const ev = link(id);
      if (!ev) return undefined;
      if (ev.type.endsWith('StateEntered') && ev.stateEnteredEventDetails?.name !== undefined) {
        return { id: ev.id, name: ev.stateEnteredEventDetails.name, input: ev.stateEnteredEventDetails.input ?? '{}' };
      }
      id = ev.previousEventId;
    }
    return undefined;
  };

  const now = core.clock.now();
  const ec = Number(meta.ec ?? 0);
  const rc = Number(meta.rc ?? 0) + 1;
  const events: string[] = [JSON.stringify({ id: ec + 1, previousEventId: ec, timestamp: new Date(now).toISOString(), type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: rc } })];
  const plan: Plan = { drop: [], joins: [], resets: [], launch: [], mapRuns: [], items: [], defer: [] };

  // the join results of every frame that may reopen a fan-out, in one round trip
  type Source = { saved: boolean; blocked: FrameState; fields: SavedJoin };
  const toRead: Array<[string, string]> = [];
  for (const [f, h] of frames) {
    if (h.jt !== undefined && h.spawn !== undefined) toRead.push([`l:${f}`, k.joinResults(executionId, f)]);
    if (h.rj !== undefined) toRead.push([`s:${f}`, k.savedJoin(executionId, f)]);
  }
  const rp = core.redis.pipeline();
  for (const [, key] of toRead) rp.hgetall(key);
  const results = new Map<string, Record<string, string>>();
  ((await rp.exec()) ?? []).forEach(([, v], i) => results.set(toRead[i]?.[0] ?? '', (v ?? {}) as Record<string, string>));
  /** The fan-out the frame failed in, when its state is a Parallel or Map whose join was kept. */
  const sourceOf = (h: Record<string, string>, st: FrameState, entered: Entered): Source | undefined => {
    if (h.jt !== undefined && h.spawn !== undefined && st.phase === 'children' && st.enteredEventId === entered.id) {
      return { saved: false, blocked: st, fields: { st: h.st ?? '', spawn: h.spawn, jg: h.jg ?? '0', jt: h.jt, jl: h.jl ?? '0', jm: h.jm ?? '0', jtc: h.jtc ?? '-1', jtp: h.jtp ?? '-1', mr: h.mr ?? '' } };
    }
    if (h.rj !== undefined) {
      const saved = JSON.parse(h.rj) as SavedJoin;
      const blocked = JSON.parse(saved.st) as FrameState;
      if (blocked.enteredEventId === entered.id && saved.spawn) return { saved: true, blocked, fields: saved };
    }
    return undefined;
  };

  const lastId = () => ec + events.length;
  const dropTree = (f: string) => {
    // a child aborted before its first step has only its `dead` mark, and is in no frame set
    if (!frames.has(f)) plan.drop.push(f);
    for (const id of frames.keys()) if (id === f || id.startsWith(`${f}/`)) plan.drop.push(id);
  };

  /** The frame state that re-enters the frame's failed state. */
  const reentered = (st: FrameState, entered: Entered): string => JSON.stringify({
    ...st, state: entered.name, stateInput: JSON.parse(entered.input) as Json, phase: 'retry', attempt: 1, retryCounts: [], pending: null,
    enteredEventId: entered.id, lastEventId: lastId(),
  } satisfies FrameState);

  /**
   * How a redriven child starts: 'now' (planned in place), 'deferred' (its re-entered state kept
   * until the join starts it), or 'fresh' (it runs again from its start). `queued`: no slot now.
   */
  const redriveChild = (f: string, floor: number, queued: boolean): 'now' | 'deferred' | 'fresh' => {
    const h = frames.get(f);
    if (h?.st === undefined) return 'fresh';
    const st = JSON.parse(h.st) as FrameState;
    const entered = enteredOf(st, floor);
    if (!entered) return 'fresh';
    // a child that failed in a nested Parallel/Map reopens that join at once, queued or not
    if (queued && !sourceOf(h, st, entered)) {
      plan.defer.push({ f, st: reentered(st, entered) });
      return 'deferred';
    }
    return redriveFrame(f, floor) ? 'now' : 'fresh';
  };

  /** Plans the redrive of one frame; false when it cannot be redriven in place (it runs again from its start). */
  const redriveFrame = (f: string, floor: number): boolean => {
    const h = frames.get(f);
    if (h?.st === undefined) return false;
    const st = JSON.parse(h.st) as FrameState;
    const entered = enteredOf(st, floor);
    if (!entered) return false;
    const src = sourceOf(h, st, entered);
    if (!src) {
      plan.resets.push({ f, wk: '', sig: RETRY_SIGNAL, clear: 1, st: reentered(st, entered) });
      return true;
    }
    const j = src.fields;
    const spawn = JSON.parse(j.spawn) as ChildSpawn;
    const res = results.get(`${src.saved ? 's' : 'l'}:${f}`) ?? {};
    const total = Number(j.jt);
    const max = Number(j.jm);
    let launched = Number(j.jl);
    let kept = 0;
    let running = 0;
    const unset: number[] = [];
    const queue: number[] = [];
    let lastEventId = lastId();
    if (j.mr) {
      const rec = mapRuns[j.mr];
      if (rec !== undefined) {
        const r0 = JSON.parse(rec) as Record<string, unknown>;
        const mrc = Number(r0.redriveCount ?? 0) + 1;
        plan.mapRuns.push([j.mr, JSON.stringify({ ...r0, redriveCount: mrc, redriveDate: now })]);
        events.push(JSON.stringify({ id: lastId() + 1, previousEventId: lastId(), timestamp: new Date(now).toISOString(), type: 'MapRunRedriven', mapRunRedrivenEventDetails: { mapRunArn: j.mr, redriveCount: mrc } }));
        lastEventId = lastId();
      }
    }
    for (let i = 0; i < launched; i++) {
      const cf = `${f}/${j.jg}.${i}`;
      const ch = frames.get(cf);
      if (ch?.end === 'succeeded' && res[String(i)] !== undefined) {
        kept++;
        continue;
      }
      unset.push(i);
      if (j.mr) plan.items.push([j.mr, i]);
      // MaxConcurrency holds for redriven children too: the rest wait in the join's queue
      const queued = max !== 0 && running >= max;
      const how = spawn.recordEvents ? redriveChild(cf, spawn.parentEventId, queued) : 'fresh';
      if (how === 'deferred') {
        queue.push(i);
        continue;
      }
      if (how === 'fresh') {
        dropTree(cf);
        if (queued) {
          queue.push(i);
          continue;
        }
        plan.launch.push(cf);
      }
      running++;
    }
    while (queue.length === 0 && launched < total && (max === 0 || running < max)) {
      plan.launch.push(`${f}/${j.jg}.${launched}`);
      launched++;
      running++;
    }
    plan.joins.push({
      f, saved: src.saved ? 1 : 0, unset,
      fields: { spawn: j.spawn, jg: j.jg, jt: j.jt, jl: String(launched), jd: String(kept), jf: '0', jr: String(running), jm: j.jm, jtc: j.jtc, jtp: j.jtp, jo: running > 0 ? '1' : '0', je: '', jc: '', jq: queue.join(','), ...(j.mr ? { mr: j.mr } : {}) },
    });
    // every child had succeeded (the state failed after its join): the join completes at once
    plan.resets.push({ f, wk: 'children', sig: running > 0 ? '' : '{"kind":"join"}', clear: 0, st: JSON.stringify({ ...src.blocked, lastEventId } satisfies FrameState) });
    return true;
  };

  if (!redriveFrame('root', -1)) throw new EngineError('ExecutionNotRedrivable', 'Execution failed before entering a state and cannot be redriven');

  // the state machine's TimeoutSeconds counts again from the redrive, in full (as at a start)
  const program = meta.dh ? await core.programByHash(meta.dh) : undefined;
  const timeout = program?.timeoutSeconds !== undefined
    ? [timerMember({ executionId, frame: 'root', waitId: 'exec', kind: 'exec' }), now + core.scaled(program.timeoutSeconds * 1000)] as const
    : ['', 0] as const;

  const mark = core.mark(executionId);
  const reply = await runMarked(core.redis, k, executionId, SCRIPTS.redriveExecution,
    [k.meta(executionId), k.history(executionId), k.outbox(executionId), k.frames(executionId), k.mapRunsOf(executionId), k.execTimers(executionId)],
    [k.frame(executionId, ''), k.signals(executionId, ''), k.joinResults(executionId, ''), meta.status, ec, now, rc, JSON.stringify(plan), timeout[0], timeout[1], ...events], mark);
  if (reply[0] !== 1) {
    await core.relayAfterCommit(executionId, [], mark);
    throw new EngineError('ExecutionNotRedrivable', `Execution is ${String(reply[1])} and cannot be redriven now`);
  }
  await core.relayAfterCommit(executionId, entriesFromReply(reply.slice(1)), mark);
  countRedriven(meta.smName ?? '');
  return { redriveDate: now };
}

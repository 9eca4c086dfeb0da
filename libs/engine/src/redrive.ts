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
 * Parallel inside a failed iteration redrives only its failed branches. A Distributed Map item is
 * a child execution with its own history: a STANDARD one is redriven the same way (AWS: from its
 * unsuccessful step), its history continuing with ExecutionRedriven; an EXPRESS one, or any child
 * that never entered a state, runs again from its start. A Distributed Map's run is redriven
 * (MapRunRedriven, its redriveCount and redriveDate).
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
  /** When the events written by the script were made (ISO text). */
  ts: string;
  drop: string[];
  joins: Array<{ f: string; saved: 0 | 1; fields: Record<string, string>; unset: number[] }>;
  resets: Array<{ f: string; st: string; wk: string; sig: string; clear: 0 | 1 }>;
  launch: string[];
  mapRuns: Array<[string, string]>;
  items: Array<[string, number]>;
  defer: Array<{ f: string; st: string }>;
  /** Items redriven in place: ExecutionRedriven (id) in their own history; `run` 1: RUNNING now, 0: queued. */
  own: Array<{ f: string; id: number; mr: string; i: number; run: 0 | 1 }>;
}

/** A history a frame's events are in: the execution's, or a Distributed Map item's own; `last`: its last event id. */
interface Log { readonly lines: readonly string[]; readonly parsed: Map<number, HistoryLink>; last: number }

/** The ItemProcessor's ExecutionType of the Distributed Map whose children run `scope` (a JSON pointer). */
function executionTypeAt(definition: unknown, scope: string): string | undefined {
  let v: unknown = definition;
  for (const token of scope.split('/').slice(1)) {
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  const config = v !== null && typeof v === 'object' ? (v as { ProcessorConfig?: { ExecutionType?: unknown } }).ProcessorConfig : undefined;
  return typeof config?.ExecutionType === 'string' ? config.ExecutionType : undefined;
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
  const program = meta.dh ? await core.programByHash(meta.dh) : undefined;

  // the own histories of the Distributed Map items that did not succeed (their frame is its owner)
  const owners = [...frames].filter(([f, h]) => h.ho === f && h.end !== 'succeeded').map(([f]) => f);
  const hp = core.redis.pipeline();
  for (const f of owners) hp.lrange(k.childHistory(executionId, f), 0, -1);
  const logs = new Map<string, Log>();
  ((await hp.exec()) ?? []).forEach(([, v], i) => {
    const lines = (v ?? []) as string[];
    logs.set(owners[i] ?? '', { lines, parsed: new Map(), last: lines.length });
  });

  const now = core.clock.now();
  const ec = Number(meta.ec ?? 0);
  const rc = Number(meta.rc ?? 0) + 1;
  const events: string[] = [JSON.stringify({ id: ec + 1, previousEventId: ec, timestamp: new Date(now).toISOString(), type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: rc } })];
  const plan: Plan = { ts: new Date(now).toISOString(), drop: [], joins: [], resets: [], launch: [], mapRuns: [], items: [], defer: [], own: [] };
  const main: Log = { lines: history, parsed: new Map(), last: ec };
  const lastId = (log: Log) => (log === main ? ec + events.length : log.last);
  /** The history the frame's events are in (undefined: an item's, not loaded: it succeeded). */
  const logOf = (f: string): Log | undefined => {
    const ho = frames.get(f)?.ho;
    return ho === undefined ? main : logs.get(ho);
  };

  const link = (log: Log, id: number): HistoryLink | undefined => {
    let e = log.parsed.get(id);
    if (!e) {
      const t = log.lines[id - 1];
      if (t === undefined) return undefined;
      e = JSON.parse(t) as HistoryLink;
      log.parsed.set(id, e);
    }
    return e;
  };
  /** The frame's last entered state: its chain back from lastEventId, not below `floor` (its spawn). */
  const enteredOf = (st: FrameState, floor: number, log: Log): Entered | undefined => {
    let id = st.lastEventId;
    for (let hops = 0; id > floor && hops < 100_000; hops++) {
      const ev = link(log, id);
      if (!ev) return undefined;
      if (ev.type.endsWith('StateEntered') && ev.stateEnteredEventDetails?.name !== undefined) {
        return { id: ev.id, name: ev.stateEnteredEventDetails.name, input: ev.stateEnteredEventDetails.input ?? '{}' };
      }
      id = ev.previousEventId;
    }
    return undefined;
  };

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

  const dropTree = (f: string) => {
    // a child aborted before its first step has only its `dead` mark, and is in no frame set
    if (!frames.has(f)) plan.drop.push(f);
    for (const id of frames.keys()) if (id === f || id.startsWith(`${f}/`)) plan.drop.push(id);
  };

  /** The frame state that re-enters the frame's failed state. */
  const reentered = (st: FrameState, entered: Entered, log: Log): string => JSON.stringify({
    ...st, state: entered.name, stateInput: JSON.parse(entered.input) as Json, phase: 'retry', attempt: 1, retryCounts: [], pending: null,
    enteredEventId: entered.id, lastEventId: lastId(log),
  } satisfies FrameState);

  /**
   * How a redriven child starts: 'now' (planned in place), 'deferred' (its re-entered state kept
   * until the join starts it), or 'fresh' (it runs again from its start). `queued`: no slot now.
   * `item`: a Distributed Map item, whose own history continues with ExecutionRedriven.
   */
  const redriveChild = (f: string, floor: number, queued: boolean, item?: { mr: string; i: number }): 'now' | 'deferred' | 'fresh' => {
    const h = frames.get(f);
    const log = logOf(f);
    if (h?.st === undefined || log === undefined) return 'fresh';
    const st = JSON.parse(h.st) as FrameState;
    const entered = enteredOf(st, floor, log);
    if (!entered) return 'fresh';
    // a child that failed in a nested Parallel/Map reopens that join at once, queued or not
    const deferred = queued && !sourceOf(h, st, entered);
    if (item) {
      log.last++;
      plan.own.push({ f, id: log.last, mr: item.mr, i: item.i, run: deferred ? 0 : 1 });
    }
    if (deferred) {
      plan.defer.push({ f, st: reentered(st, entered, log) });
      return 'deferred';
    }
    return redriveFrame(f, floor) ? 'now' : 'fresh';
  };

  /** Plans the redrive of one frame; false when it cannot be redriven in place (it runs again from its start). */
  const redriveFrame = (f: string, floor: number): boolean => {
    const h = frames.get(f);
    const log = logOf(f);
    if (h?.st === undefined || log === undefined) return false;
    const st = JSON.parse(h.st) as FrameState;
    const entered = enteredOf(st, floor, log);
    if (!entered) return false;
    const src = sourceOf(h, st, entered);
    if (!src) {
      plan.resets.push({ f, wk: '', sig: RETRY_SIGNAL, clear: 1, st: reentered(st, entered, log) });
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
    let lastEventId = lastId(log);
    // EXPRESS child executions are not redriven: they run again from their start (AWS)
    const standardItems = j.mr !== '' && executionTypeAt(program?.definition, spawn.scopes[0] ?? '') !== 'EXPRESS';
    // children that record events: inline ones in this frame's history, items and what runs in them in their own
    const inPlace = spawn.recordEvents || (j.mr !== '' ? standardItems : h.ho !== undefined);
    if (j.mr) {
      const rec = mapRuns[j.mr];
      if (rec !== undefined) {
        const r0 = JSON.parse(rec) as Record<string, unknown>;
        const mrc = Number(r0.redriveCount ?? 0) + 1;
        plan.mapRuns.push([j.mr, JSON.stringify({ ...r0, redriveCount: mrc, redriveDate: now })]);
        events.push(JSON.stringify({ id: lastId(main) + 1, previousEventId: lastId(main), timestamp: new Date(now).toISOString(), type: 'MapRunRedriven', mapRunRedrivenEventDetails: { mapRunArn: j.mr, redriveCount: mrc } }));
        lastEventId = lastId(log);
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
      // an item's own history starts at 1: its floor is 0, not the Map's event in this history
      const how = inPlace ? redriveChild(cf, j.mr ? 0 : spawn.parentEventId, queued, j.mr ? { mr: j.mr, i } : undefined) : 'fresh';
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

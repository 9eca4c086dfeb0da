/**
 * The worker's shell around the pure interpreter: load a frame, run one step (start, start a
 * child, or resume with the frame's first queued signal), commit it atomically with version and
 * event-counter checks, and relay the outbox. A stale or duplicate job is a no-op; a lost race
 * on the event counter re-runs the pure step (it has no side effects).
 */
import { randomUUID } from 'node:crypto';
import { startChild, startExecution, resume, type ChildSpawn, type FrameState, type Json, type Signal, type StepContext, type StepResult } from '@stepwise/asl';
import type { EngineCore } from './core.js';
import type { AdvanceJobData } from './queues/names.js';
import { commitStepScript, type CommitPlan, type CommitStepArgs, type Entries } from './scripts/scripts.js';
import type { DirtyMark } from './queues/relay.js';
import { toPlan } from './plan.js';
import { parseChildFrameId } from './keys.js';
import { newTaskToken } from './ids.js';
import { countCommit, countStep } from './metrics.js';
import { recordStateSpans } from './tracing.js';
import { failDeletedExecution, parentLinkOf } from './machine-deleted.js';
import { preambleFor, resumeTask } from './task-start.js';

/** `deleted`: the step failed the execution, its state machine being deleted (machine-deleted.ts). */
export type AdvanceOutcome = 'committed' | 'stale' | 'closed' | 'aborted' | 'idle' | 'deleted';

const MAX_CONFLICTS = 200;

export interface Loaded {
  readonly meta: Record<string, string>;
  readonly frame: Record<string, string>;
  readonly signal: string | null;
  readonly childInput: string | null;
  readonly spawn: string | null;
  /** A new child frame's parent's map run (`mr`) and history owner (`ho`): see historyOwner. */
  readonly parentOwner?: readonly [string | null, string | null];
}

async function load(core: EngineCore, job: AdvanceJobData): Promise<Loaded> {
  const k = core.keys;
  const child = job.f === 'root' ? undefined : parseChildFrameId(job.f);
  const parent = child?.parent;
  const idx = child?.index;
  const m = core.redis.multi();
  m.hgetall(k.meta(job.e));
  m.hgetall(k.frame(job.e, job.f));
  m.lindex(k.signals(job.e, job.f), 0);
  if (parent !== undefined) {
    m.hget(k.joinResults(job.e, parent), `in:${idx}`);
    m.hget(k.frame(job.e, parent), 'spawn');
    m.hmget(k.frame(job.e, parent), 'mr', 'ho');
  }
  const r = await m.exec();
  if (!r) throw new Error('load: transaction aborted');
  for (const [err] of r) if (err) throw err;
  return {
    meta: r[0]?.[1] as Record<string, string>,
    frame: r[1]?.[1] as Record<string, string>,
    signal: (r[2]?.[1] as string | null) ?? null,
    childInput: parent !== undefined ? ((r[3]?.[1] as string | null) ?? null) : null,
    spawn: parent !== undefined ? ((r[4]?.[1] as string | null) ?? null) : null,
    ...(parent !== undefined ? { parentOwner: r[5]?.[1] as [string | null, string | null] } : {}),
  };
}

type FrameRef = { readonly e: string; readonly f: string };
type OwnerSource = { readonly frame: Record<string, string>; readonly parentOwner?: Loaded['parentOwner'] };

/**
 * The Distributed Map item frame whose child execution the frame runs in, if any: the frame
 * itself when its parent is a map run's Map (`top`), else the owner its parent runs in.
 */
function historyOwner(job: FrameRef, version: number, l: OwnerSource): { readonly frame: string; readonly top: boolean } | undefined {
  if (job.f === 'root') return undefined;
  if (version > 0 || l.parentOwner === undefined) return l.frame.ho !== undefined ? { frame: l.frame.ho, top: l.frame.ho === job.f } : undefined;
  const [mr, ho] = l.parentOwner;
  if (mr !== null) return { frame: job.f, top: true };
  return ho !== null ? { frame: ho, top: false } : undefined;
}

/** A step of a frame inside a Distributed Map child execution: its StepContext part and its commit's history check. */
export interface OwnHistory {
  readonly ctx: { readonly nextEventId: number; readonly childExecution: NonNullable<StepContext['childExecution']> };
  readonly plan: { readonly ho: string; readonly hn: number };
}

/** Where a frame inside a child execution appends its events (that history's length; a redriven item's count), else undefined. */
export async function ownHistory(core: EngineCore, job: FrameRef, version: number, l: OwnerSource): Promise<OwnHistory | undefined> {
  const owner = historyOwner(job, version, l);
  if (owner === undefined) return undefined;
  const count = await core.redis.llen(core.keys.childHistory(job.e, owner.frame));
  const mr = l.parentOwner?.[0];
  let redriveCount: number | undefined;
  if (owner.top && version === 0 && count > 0 && mr) {
    // an item run again by a redrive: its record counts the redrives (map-run-items.lua)
    const rec = await core.redis.hget(core.keys.mapRunItems(job.e, mr), String(parseChildFrameId(job.f).index));
    redriveCount = rec !== null ? Number((JSON.parse(rec) as { rc?: number }).rc ?? 1) : 1;
  }
  return {
    ctx: { nextEventId: count + 1, childExecution: { top: owner.top, ...(redriveCount !== undefined ? { redriveCount } : {}) } },
    plan: { ho: owner.frame, hn: count },
  };
}

/** The StepContext of one step: clock, randomness, event ids, identity, limits. */
export function stepContext(core: EngineCore, meta: Record<string, string>, executionId: string, frameId: string, version: number, now: number, own?: OwnHistory['ctx']): StepContext {
  const waitId = String(version + 1);
  // parsed only when a state reads `$$.Execution.Input`: the input may be large, steps are many
  let input: Json | undefined;
  return {
    now,
    random: Math.random,
    uuid: randomUUID,
    newTaskToken: () => newTaskToken({ executionId, frameId, waitId }),
    nextEventId: own !== undefined ? own.nextEventId : Number(meta.ec ?? 0) + 1,
    ...(own !== undefined ? { childExecution: own.childExecution } : {}),
    execution: {
      id: meta.arn ?? '',
      name: meta.name ?? '',
      startTime: new Date(Number(meta.startDate ?? now)).toISOString(),
      roleArn: meta.role ?? '',
      redriveCount: Number(meta.rc ?? 0),
      stateMachineId: meta.smArn ?? '',
      stateMachineName: meta.smName ?? '',
      get input(): Json {
        return (input ??= JSON.parse(meta.input ?? 'null') as Json);
      },
      region: core.scope.region,
    },
    limits: core.limits,
  };
}

async function joinResults(core: EngineCore, job: AdvanceJobData): Promise<Json[]> {
  const raw = await core.redis.hgetall(core.keys.joinResults(job.e, job.f));
  const out: Json[] = [];
  for (const [field, text] of Object.entries(raw)) {
    if (!/^\d+$/.test(field)) continue;
    out[Number(field)] = JSON.parse(text) as Json;
  }
  for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
  return out;
}

/** What one step attempt left to relay (deferred so a caller can relay several commits at once). */
export interface StepOutcome {
  readonly outcome: AdvanceOutcome;
  readonly entries: Entries;
  readonly marks: DirtyMark[];
}

/** A step computed from loaded state: the commit-step arguments, or why there is nothing to commit. */
export type PlannedStep =
  | { readonly kind: 'plan'; readonly result: StepResult; readonly version: number; readonly now: number; readonly args: CommitStepArgs }
  | { readonly kind: 'skip'; readonly outcome: AdvanceOutcome };

/**
 * Runs the pure interpreter for one advance job over loaded state and builds its commit (no
 * Redis writes; only a definition text may be read). StartExecution uses it to commit the first
 * step in the start's own round trip.
 */
export async function planStep(core: EngineCore, job: AdvanceJobData, l: Loaded): Promise<PlannedStep> {
  if (l.meta.status !== 'RUNNING') return { kind: 'skip', outcome: 'closed' };
  if (l.frame.dead === '1') return { kind: 'skip', outcome: 'aborted' };
  const version = Number(l.frame.v ?? 0);
  if (version !== job.v) return { kind: 'skip', outcome: 'stale' };
  const program = await core.programByHash(l.meta.dh ?? '');
  const now = core.clock.now();
  const own = await ownHistory(core, job, version, l);
  const ctx = stepContext(core, l.meta, job.e, job.f, version, now, own?.ctx);
  let result: StepResult;
  let signal: Signal | { kind: 'join' } | undefined;
  let child: { parent: string; index: number } | undefined;
  if (version === 0) {
    if (job.f === 'root') {
      result = await startExecution(program, JSON.parse(l.meta.input ?? '{}') as Json, ctx);
    } else {
      if (l.spawn === null || l.childInput === null) return { kind: 'skip', outcome: 'stale' };
      const { parent, index } = parseChildFrameId(job.f);
      const spawn = JSON.parse(l.spawn) as ChildSpawn;
      const inputs: Json[] = [];
      inputs[index] = JSON.parse(l.childInput) as Json;
      result = await startChild(program, { ...spawn, inputs }, index, ctx);
      child = { parent, index };
    }
  } else {
    if (l.signal === null || l.frame.st === undefined) return { kind: 'skip', outcome: 'idle' };
    const parsed = JSON.parse(l.signal) as Signal | { kind: 'join' };
    signal = parsed;
    const frame = JSON.parse(l.frame.st) as FrameState;
    if (parsed.kind === 'join') result = await resume(program, frame, { kind: 'childrenSucceeded', results: await joinResults(core, job) }, ctx);
    else result = await resumeTask(program, frame, parsed, ctx, preambleFor(frame, parsed, l.frame.wst === '1'));
  }
  const notify = parentLinkOf(l.meta);
  const planned = toPlan({
    executionId: job.e, executionArn: l.meta.arn ?? '', frameId: job.f, version, now, scaled: (ms) => core.scaled(ms), result,
    ...(signal !== undefined ? { signal } : {}), ...(child !== undefined ? { child } : {}), ...(notify !== undefined ? { notify } : {}),
    ...(l.frame.wk === 'children' && l.frame.st !== undefined ? { leftChildren: l.frame.st } : {}),
  });
  const plan = own !== undefined ? { ...planned, ...own.plan } : planned;
  const args: CommitStepArgs = {
    expectedEventCount: Number(l.meta.ec ?? 0),
    expectedVersion: version,
    now,
    plan,
    frameState: JSON.stringify(result.frame),
    events: result.events.map((e) => JSON.stringify(e)),
  };
  return { kind: 'plan', result, version, now, args };
}

/** Metrics and spans of a committed step. */
export async function recordCommitted(meta: Record<string, string>, frameId: string, p: Extract<PlannedStep, { kind: 'plan' }>): Promise<void> {
  countStep(meta.smName ?? '', frameId, p.result, Number(meta.startDate ?? p.now), p.now);
  await recordStateSpans(meta, p.result.events, p.version);
}

/**
 * True when commit-step.lua writes no outbox entry for this plan: the root frame ends and the
 * plan has no entries of its own (no parent to notify); that branch of the script writes none.
 * Any other step may (a signal queued meanwhile, a join into the parent).
 */
export function relaysNothing(plan: CommitPlan): boolean {
  return plan.end !== null && plan.root === 1 && plan.ob.length === 0 && plan.sig === undefined;
}

/**
 * Runs one advance job: commits one step, or finds the job stale. `known` skips the first load
 * when the caller has just written the execution; `consumed` (the outbox entry the job came
 * from, run in-process) is deleted by the commit. A commit that relays nothing gets no dirty
 * mark. The relay is left to the caller.
 */
export async function stepFrame(core: EngineCore, job: AdvanceJobData, known?: Loaded, consumed?: string): Promise<StepOutcome> {
  // state loaded before a wait for the turn is out of date: load it again
  return core.turns.run(job.e, (waited) => stepFrameInTurn(core, job, waited ? undefined : known, consumed));
}

async function stepFrameInTurn(core: EngineCore, job: AdvanceJobData, known: Loaded | undefined, consumed: string | undefined): Promise<StepOutcome> {
  const marks: DirtyMark[] = [];
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const l = attempt === 0 && known ? known : await load(core, job);
    const p = await planStep(core, job, l);
    if (p.kind === 'skip') return { outcome: p.outcome, entries: [], marks };
    const plan = consumed === undefined ? p.args.plan : { ...p.args.plan, consumed };
    const mark = relaysNothing(plan) ? undefined : core.mark(job.e);
    if (mark) marks.push(mark);
    const reply = await commitStepScript(core.redis, core.keys, job.e, { ...p.args, plan }, mark);
    countCommit(reply.kind);
    switch (reply.kind) {
      case 'committed':
        if (!mark && reply.entries.length > 0) {
          // Not expected (relaysNothing said none), but never left unmarked.
          const late = core.mark(job.e);
          await core.redis.zadd(core.keys.dirty(), late.score, late.member);
          marks.push(late);
        }
        await recordCommitted(l.meta, job.f, p);
        return { outcome: 'committed', entries: reply.entries, marks };
      case 'conflict':
        continue;
      case 'deleted': {
        // the entry this step was run for is left to the caller's relay, which deletes it
        const failed = await failDeletedExecution(core, job.e, l.meta);
        marks.push(failed.mark);
        return { outcome: 'deleted', entries: failed.entries, marks };
      }
      case 'stale':
      case 'closed':
      case 'aborted':
        return { outcome: reply.kind, entries: [], marks };
      default: {
        const never: never = reply;
        throw new Error(`unknown commit reply ${JSON.stringify(never)}`);
      }
    }
  }
  await core.relayAfterCommit(job.e, [], marks);
  throw new Error(`advance ${job.e} ${job.f}: the event counter kept moving (${MAX_CONFLICTS} conflicts)`);
}

/** Runs one advance job to completion and relays what it committed. */
export async function advanceFrame(core: EngineCore, job: AdvanceJobData, known?: Loaded): Promise<AdvanceOutcome> {
  const r = await stepFrame(core, job, known);
  await core.relayAfterCommit(job.e, r.entries, r.marks);
  return r.outcome;
}

/**
 * Relays a commit's outbox, but runs a single advance entry of this execution right here instead
 * of queueing it (a task result or a fired timer continues without a queue round trip). The step's
 * commit deletes that entry; a crash before leaves it and its dirty mark for the sweep, and a late
 * job for it is stale. Both commits are relayed at once. When the step committed and left nothing
 * to relay, only `mark` is left to remove: `settle` takes it (a fired batch removes its marks in
 * one command) if given.
 */
export async function relayOrRunInline(core: EngineCore, id: string, entries: Entries, mark: DirtyMark, known?: Loaded, settle?: (m: DirtyMark) => void): Promise<void> {
  const adv = entries.filter(([, e]) => e.t === 'adv');
  const first = adv[0];
  if (adv.length !== 1 || !first || first[1].t !== 'adv') {
    await core.relayAfterCommit(id, entries, mark);
    return;
  }
  const rest = entries.filter(([eid]) => eid !== first[0]);
  let r: StepOutcome;
  try {
    r = await stepFrame(core, { e: id, f: first[1].f, v: first[1].v }, known, first[0]);
  } catch (e) {
    core.log('warn', 'inline step failed; queueing it', { executionId: id, error: String(e) });
    await core.relayAfterCommit(id, entries, mark);
    return;
  }
  const handled = r.outcome === 'committed' ? [] : [first[0]];
  const out = [...rest, ...r.entries];
  if (settle && out.length === 0 && handled.length === 0 && r.marks.length === 0) {
    settle(mark);
    return;
  }
  await core.relayAfterCommit(id, out, [mark, ...r.marks], handled);
}

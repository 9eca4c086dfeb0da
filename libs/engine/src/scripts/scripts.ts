/**
 * Typed wrappers of the Lua scripts: each builds its KEYS from keys.ts and decodes the reply
 * codes into values, so expected races (stale, closed, conflict, duplicate) are data, and only
 * an unknown reply is an exception.
 */
import type { ChainableCommander, Redis } from 'ioredis';
import type { ExecutionId, FrameId, Keys } from '../keys.js';
import { entriesFromReply, type OutboxEntry } from '../queues/outbox.js';
import type { DirtyMark } from '../queues/relay.js';
import { timeRedis } from '@stepwise/observability';
import { defineScript, type RedisReply, type Script } from './define-script.js';

export const SCRIPTS = {
  startExecution: defineScript('start-execution.lua'),
  startWithStep: defineScript('start-with-step.lua'),
  commitStep: defineScript('commit-step.lua'),
  fireTimer: defineScript('fire-timer.lua'),
  completeTask: defineScript('complete-task.lua'),
  stopExecution: defineScript('stop-execution.lua'),
  renewLease: defineScript('renew-lease.lua'),
  releaseLease: defineScript('release-lease.lua'),
  redriveExecution: defineScript('redrive-execution.lua'),
  updateMapRun: defineScript('update-map-run.lua'),
  markDeleted: defineScript('mark-deleted.lua'),
} as const satisfies Record<string, Script & { register(r: Redis): void }>;

export type Entries = Array<[string, OutboxEntry]>;

/**
 * Runs a script; with a dirty mark, the mark is written first in the same round trip, so a crash
 * after the commit leaves the execution marked for the scheduler's outbox sweep.
 */
export async function runMarked(redis: Redis, k: Keys, id: ExecutionId, script: Script, keys: readonly string[], args: readonly (string | number)[], mark?: DirtyMark, pre?: ChainableCommander): Promise<RedisReply[]> {
  // stepwise_redis_command_duration_seconds{command="commit-step"} (and errors) per script call.
  return timeRedis(script.name.replace(/^sw_/, '').replace(/_/g, '-'), () => runMarkedUntimed(redis, k, id, script, keys, args, mark, pre));
}

async function runMarkedUntimed(redis: Redis, k: Keys, id: ExecutionId, script: Script, keys: readonly string[], args: readonly (string | number)[], mark?: DirtyMark, pre?: ChainableCommander): Promise<RedisReply[]> {
  if (mark === undefined && pre === undefined) return script.run(redis, keys, args);
  if (mark !== undefined && pre === undefined && redis.options.enableAutoPipelining) {
    // An auto-pipelining connection (the scheduler's) sends what one tick issued in one write:
    // the mark still precedes its script, and a batch of fired steps commits in one round trip
    // instead of one each. A failed mark is ignored as in the pipeline below.
    redis.zadd(k.dirty(), mark.score, mark.member).catch(() => undefined);
    return script.run(redis, keys, args);
  }
  const pipe = pre ?? redis.pipeline();
  if (mark) pipe.zadd(k.dirty(), mark.score, mark.member);
  script.queue(pipe, keys, args);
  const res = await pipe.exec();
  const last = res?.[res.length - 1];
  if (!last) throw new Error(`${script.name}: no reply`);
  if (last[0]) throw last[0];
  return last[1] as RedisReply[];
}

function code(r: RedisReply[]): number {
  const c = r[0];
  if (typeof c !== 'number') throw new Error(`unexpected script reply ${JSON.stringify(r)}`);
  return c;
}
function unknownReply(script: string, r: RedisReply[]): Error {
  return new Error(`${script}: unknown reply ${JSON.stringify(r).slice(0, 200)}`);
}

// start-execution ------------------------------------------------------------------------------
export type StartReply = { kind: 'created'; entries: Entries } | { kind: 'running'; startDate: number } | { kind: 'exists' };

export interface StartArgs {
  readonly input: string;
  readonly timeoutMember: string;
  readonly timeoutDue: number;
  readonly fields: Record<string, string | number>;
}

function startKeysArgs(k: Keys, id: ExecutionId, a: StartArgs): [string[], (string | number)[]] {
  const args: (string | number)[] = [a.input, a.timeoutMember, a.timeoutDue];
  for (const f in a.fields) args.push(f, a.fields[f] as string | number);
  return [[k.meta(id), k.outbox(id), k.execTimers(id)], args];
}

function decodeStart(r: RedisReply[]): StartReply {
  switch (code(r)) {
    case 1: return { kind: 'created', entries: entriesFromReply(r.slice(1)) };
    case 0: return { kind: 'running', startDate: Number(r[1]) };
    case -1: return { kind: 'exists' };
    default: throw unknownReply('start-execution', r);
  }
}

export async function startExecutionScript(redis: Redis, k: Keys, id: ExecutionId, a: StartArgs, mark?: DirtyMark, pre?: ChainableCommander): Promise<StartReply> {
  const [keys, args] = startKeysArgs(k, id, a);
  return decodeStart(await runMarked(redis, k, id, SCRIPTS.startExecution, keys, args, mark, pre));
}

/**
 * The start and its first step in one atomic script (start-with-step.lua): the step is the one
 * the pure interpreter computed from the start's input, committed only if this call created the
 * execution. `step` in the reply is present exactly then.
 */
export async function startWithStepScript(
  redis: Redis, k: Keys, id: ExecutionId, a: StartArgs, step: CommitStepArgs, mark: DirtyMark | undefined, pre: ChainableCommander,
): Promise<{ readonly start: StartReply; readonly step?: CommitReply }> {
  const [, startArgs] = startKeysArgs(k, id, a);
  const r = await runMarked(redis, k, id, SCRIPTS.startWithStep, commitStepKeys(k, id), [startArgs.length, ...startArgs, ...commitStepArgs(k, id, step)], mark, pre);
  const start = decodeStart(r[0] as RedisReply[]);
  return start.kind === 'created' ? { start, step: decodeCommit(r[1] as RedisReply[]) } : { start };
}

// commit-step ----------------------------------------------------------------------------------
/** What commit-step.lua applies besides the frame state and events (see its contract header). */
export interface CommitPlan {
  readonly f: FrameId;
  /** 1: the step consumed the frame's first queued signal. */
  readonly pop: 0 | 1;
  /** 1: the frame keeps waiting for the same task (TaskStarted/TaskSubmitted). */
  readonly keep: 0 | 1;
  /** `tg` (task waits): when the task was planned, the `g` of its task job (queues/names.ts). */
  readonly wait: { readonly wk: 'task' | 'timer' | 'children'; readonly tg?: string; readonly tok?: string; readonly hbms?: number; readonly hbd?: number } | null;
  readonly ob: Array<[string, string]>;
  readonly tok: [string, string] | null;
  readonly tm: Array<[string, number]>;
  readonly join: { readonly spawn: string; readonly inputs: readonly string[]; readonly mapRun?: readonly [string, string]; readonly total: number; readonly max: number; readonly tc: number; readonly tp: number; readonly launch: number } | null;
  readonly clearJoin: 0 | 1;
  readonly end: { readonly kind: 'succeeded' | 'failed' | 'timedOut' | 'aborted'; readonly out?: string; readonly err?: string; readonly cause?: string } | null;
  readonly root: 0 | 1;
  readonly parent?: FrameId;
  readonly idx?: number;
  /** A signal the frame gives itself (a Map over zero items joins at once). */
  readonly sig?: string;
  /** The blocked frame state of a fan-out that ends without success: its join is kept for a redrive. */
  readonly sj?: string;
  /** The wait id a dispatcher's task result answers directly (no signal queued): checked by the script. */
  readonly direct?: string;
  /** With `direct`: the answering task job's `g`, checked against the frame's `tg` when both are known. */
  readonly dg?: string;
  /**
   * A step prepared before its timer fired (timers/prepared-steps.ts): applied only if the frame
   * waits at this wait id, answered, with exactly the timer's signal queued.
   */
  readonly tf?: string;
  /** The outbox entry the step was run for in-process: deleted by the commit. */
  readonly consumed?: string;
  /** The Distributed Map item frame whose child execution's history gets the events (keys.ts childHistory). */
  readonly ho?: FrameId;
  /** How many events that history holds as the step was run on (checked like the event counter). */
  readonly hn?: number;
}

export type CommitReply =
  | { kind: 'committed'; version: number; eventCount: number; entries: Entries }
  | { kind: 'stale' } | { kind: 'closed' } | { kind: 'conflict'; eventCount: number } | { kind: 'aborted' }
  /** The execution's state machine is being deleted: nothing applied, the execution is to fail. */
  | { kind: 'deleted' };

export function commitStepKeys(k: Keys, id: ExecutionId): string[] {
  return [k.meta(id), k.history(id), k.outbox(id), k.frames(id), k.tokens(id), k.taskInfo(id), k.execTimers(id), k.mapRunsOf(id)];
}
export function frameBases(k: Keys, id: ExecutionId): [string, string, string] {
  return [k.frame(id, ''), k.signals(id, ''), k.joinResults(id, '')];
}

export function decodeCommit(r: RedisReply[]): CommitReply {
  switch (code(r)) {
    case 1: return { kind: 'committed', version: Number(r[1]), eventCount: Number(r[2]), entries: entriesFromReply(r.slice(3)) };
    case -1: return { kind: 'stale' };
    case -2: return { kind: 'closed' };
    case -3: return { kind: 'conflict', eventCount: Number(r[1]) };
    case -4: return { kind: 'aborted' };
    case -5: return { kind: 'deleted' };
    default: throw unknownReply('commit-step', r);
  }
}

export interface CommitStepArgs {
  readonly expectedEventCount: number;
  readonly expectedVersion: number;
  readonly now: number;
  readonly plan: CommitPlan;
  readonly frameState: string;
  readonly events: readonly string[];
}

function commitStepArgs(k: Keys, id: ExecutionId, a: CommitStepArgs): (string | number)[] {
  return [...frameBases(k, id), a.expectedEventCount, a.expectedVersion, a.now, JSON.stringify(a.plan), a.frameState, ...a.events];
}

export async function commitStepScript(redis: Redis, k: Keys, id: ExecutionId, a: CommitStepArgs, mark?: DirtyMark): Promise<CommitReply> {
  return decodeCommit(await runMarked(redis, k, id, SCRIPTS.commitStep, commitStepKeys(k, id), commitStepArgs(k, id, a), mark));
}

// fire-timer -----------------------------------------------------------------------------------
/** `loaded`: the execution and frame as the script left them, with the signal it queued (the step's first load). */
export type FireReply =
  | { kind: 'fired'; entries: Entries; loaded?: { meta: Record<string, string>; frame: Record<string, string>; signal: string } }
  | { kind: 'stale' } | { kind: 'notYet'; due: number };

function record(flat: RedisReply | undefined): Record<string, string> | undefined {
  if (!Array.isArray(flat)) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

export function queueFireTimer(pipe: ChainableCommander, k: Keys, id: ExecutionId, t: { member: string; frame: FrameId; waitId: string; kind: string; now: number; load?: boolean }): void {
  SCRIPTS.fireTimer.queue(pipe, [k.meta(id), k.outbox(id), k.tokens(id), k.execTimers(id)], [k.frame(id, ''), k.signals(id, ''), t.member, t.frame, t.waitId, t.kind, t.now, t.load === false ? '0' : '1']);
}

/** Queues commit-step.lua (a prepared step sent right behind its timer's fire). */
export function queueCommitStep(pipe: ChainableCommander, k: Keys, id: ExecutionId, a: CommitStepArgs): void {
  SCRIPTS.commitStep.queue(pipe, commitStepKeys(k, id), commitStepArgs(k, id, a));
}
export function decodeFire(r: RedisReply[]): FireReply {
  switch (code(r)) {
    case 1: {
      const entries = entriesFromReply(r.slice(1, 3));
      const meta = record(r[3]);
      const frame = record(r[4]);
      const signal = typeof r[5] === 'string' ? r[5] : undefined;
      return { kind: 'fired', entries, ...(meta && frame && signal !== undefined ? { loaded: { meta, frame, signal } } : {}) };
    }
    case 0: return { kind: 'stale' };
    case 2: return { kind: 'notYet', due: Number(r[1]) };
    default: throw unknownReply('fire-timer', r);
  }
}
export async function fireTimerScript(redis: Redis, k: Keys, id: ExecutionId, t: { member: string; frame: FrameId; waitId: string; kind: string; now: number }, mark?: DirtyMark): Promise<FireReply> {
  return decodeFire(await runMarked(redis, k, id, SCRIPTS.fireTimer, [k.meta(id), k.outbox(id), k.tokens(id), k.execTimers(id)], [k.frame(id, ''), k.signals(id, ''), t.member, t.frame, t.waitId, t.kind, t.now], mark));
}

// complete-task --------------------------------------------------------------------------------
/** `loaded` (asked for with `load`): the execution and frame as the script left them, with the signal it queued. */
export type CompleteReply =
  | { kind: 'accepted'; entries: Entries; loaded?: { meta: Record<string, string>; frame: Record<string, string>; signal: string } }
  | { kind: 'heartbeat'; due: number } | { kind: 'duplicate' }
  | { kind: 'invalidToken' } | { kind: 'answered' } | { kind: 'timedOut' };

export async function completeTaskScript(
  redis: Redis, k: Keys, id: ExecutionId,
  a: { frame: FrameId; waitId: string; token: string; mode: 'terminal' | 'started' | 'submitted' | 'heartbeat'; signal: string; now: number; load?: boolean; taskGeneration?: string },
  mark?: DirtyMark,
): Promise<CompleteReply> {
  const r = await runMarked(redis, k, id, SCRIPTS.completeTask, [k.meta(id), k.outbox(id), k.tokens(id)], [k.frame(id, ''), k.signals(id, ''), a.frame, a.waitId, a.token, a.mode, a.signal, a.now, a.load ? '1' : '0', a.taskGeneration ?? ''], mark);
  switch (code(r)) {
    case 1: {
      const meta = record(r[3]);
      const frame = record(r[4]);
      const signal = typeof r[5] === 'string' ? r[5] : undefined;
      return { kind: 'accepted', entries: entriesFromReply(r.slice(1, 3)), ...(meta && frame && signal !== undefined ? { loaded: { meta, frame, signal } } : {}) };
    }
    case 2: return { kind: 'heartbeat', due: Number(r[1]) };
    case 0: return { kind: 'duplicate' };
    case -1: return { kind: 'invalidToken' };
    case -2: return { kind: 'answered' };
    case -3: return { kind: 'timedOut' };
    default: throw unknownReply('complete-task', r);
  }
}

// stop-execution -------------------------------------------------------------------------------
export type StopReply = { kind: 'stopped'; stopDate: number; entries: Entries } | { kind: 'ended'; status: string; stopDate: number } | { kind: 'missing' };

export async function stopExecutionScript(
  redis: Redis, k: Keys, id: ExecutionId,
  a: { now: number; status: string; eventType: string; detailsField: string; timestamp: string; error: string; cause: string; notify: string },
  mark?: DirtyMark,
): Promise<StopReply> {
  const r = await runMarked(
    redis, k, id, SCRIPTS.stopExecution,
    [k.meta(id), k.history(id), k.outbox(id), k.tokens(id), k.frames(id), k.execTimers(id), k.children(id), k.mapRunsOf(id)],
    [k.frame(id, ''), a.now, a.status, a.eventType, a.detailsField, a.timestamp, a.error, a.cause, a.notify, k.signals(id, ''), k.joinResults(id, '')],
    mark,
  );
  switch (code(r)) {
    case 1: return { kind: 'stopped', stopDate: Number(r[1]), entries: entriesFromReply(r.slice(2)) };
    case 0: return { kind: 'ended', status: String(r[1]), stopDate: Number(r[2]) };
    case -1: return { kind: 'missing' };
    default: throw unknownReply('stop-execution', r);
  }
}

// mark-deleted ---------------------------------------------------------------------------------
/** Queues mark-deleted.lua for one execution; its reply is 1 when the execution is RUNNING. */
export function queueMarkDeleted(pipe: ChainableCommander, k: Keys, id: ExecutionId): void {
  SCRIPTS.markDeleted.queue(pipe, [k.meta(id)], []);
}

/** Registers every script on a connection (pipelines only see scripts registered before them). */
export function registerScripts(redis: Redis): void {
  for (const s of Object.values(SCRIPTS)) s.register(redis);
}

// leases ---------------------------------------------------------------------------------------
/** Takes or renews a lease; true when the caller holds it. */
export async function renewLeaseScript(redis: Redis, key: string, holder: string, ms: number): Promise<boolean> {
  const r = (await SCRIPTS.renewLease.run(redis, [key], [holder, ms])) as unknown;
  return r === 1;
}
export async function releaseLeaseScript(redis: Redis, key: string, holder: string): Promise<boolean> {
  const r = (await SCRIPTS.releaseLease.run(redis, [key], [holder])) as unknown;
  return r === 1;
}

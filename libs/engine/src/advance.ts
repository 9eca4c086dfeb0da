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
import { commitStepScript } from './scripts/scripts.js';
import { toPlan } from './plan.js';
import { newTaskToken } from './ids.js';

export type AdvanceOutcome = 'committed' | 'stale' | 'closed' | 'aborted' | 'idle';

const MAX_CONFLICTS = 200;

interface Loaded {
  readonly meta: Record<string, string>;
  readonly frame: Record<string, string>;
  readonly signal: string | null;
  readonly childInput: string | null;
  readonly spawn: string | null;
}

async function load(core: EngineCore, job: AdvanceJobData): Promise<Loaded> {
  const k = core.keys;
  const parent = job.f === 'root' ? undefined : job.f.slice(0, job.f.lastIndexOf('/'));
  const idx = job.f.slice(job.f.lastIndexOf('/') + 1);
  const m = core.redis.multi();
  m.hgetall(k.meta(job.e));
  m.hgetall(k.frame(job.e, job.f));
  m.lindex(k.signals(job.e, job.f), 0);
  if (parent !== undefined) {
    m.hget(k.joinResults(job.e, parent), `in:${idx}`);
    m.hget(k.frame(job.e, parent), 'spawn');
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
  };
}

/** The StepContext of one step: clock, randomness, event ids, identity, limits. */
export function stepContext(core: EngineCore, meta: Record<string, string>, executionId: string, frameId: string, version: number, now: number): StepContext {
  const waitId = String(version + 1);
  return {
    now,
    random: Math.random,
    uuid: randomUUID,
    newTaskToken: () => newTaskToken({ executionId, frameId, waitId }),
    nextEventId: Number(meta.ec ?? 0) + 1,
    execution: {
      id: meta.arn ?? '',
      name: meta.name ?? '',
      startTime: new Date(Number(meta.startDate ?? now)).toISOString(),
      roleArn: meta.role ?? '',
      redriveCount: Number(meta.rc ?? 0),
      stateMachineId: meta.smArn ?? '',
      stateMachineName: meta.smName ?? '',
      input: JSON.parse(meta.input ?? 'null') as Json,
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

/** Runs one advance job to completion: commits one step, or finds the job stale. */
export async function advanceFrame(core: EngineCore, job: AdvanceJobData): Promise<AdvanceOutcome> {
  for (let attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
    const l = await load(core, job);
    if (l.meta.status !== 'RUNNING') return 'closed';
    if (l.frame.dead === '1') return 'aborted';
    const version = Number(l.frame.v ?? 0);
    if (version !== job.v) return 'stale';
    const program = core.program(l.meta.def ?? '');
    const now = core.clock.now();
    const ctx = stepContext(core, l.meta, job.e, job.f, version, now);
    let result: StepResult;
    let signal: Signal | { kind: 'join' } | undefined;
    let child: { parent: string; index: number } | undefined;
    if (version === 0) {
      if (job.f === 'root') {
        result = await startExecution(program, JSON.parse(l.meta.input ?? '{}') as Json, ctx);
      } else {
        if (l.spawn === null || l.childInput === null) return 'stale';
        const parent = job.f.slice(0, job.f.lastIndexOf('/'));
        const index = Number(job.f.slice(job.f.lastIndexOf('/') + 1));
        const spawn = JSON.parse(l.spawn) as ChildSpawn;
        const inputs: Json[] = [];
        inputs[index] = JSON.parse(l.childInput) as Json;
        result = await startChild(program, { ...spawn, inputs }, index, ctx);
        child = { parent, index };
      }
    } else {
      if (l.signal === null || l.frame.st === undefined) return 'idle';
      const parsed = JSON.parse(l.signal) as Signal | { kind: 'join' };
      signal = parsed;
      const given: Signal = parsed.kind === 'join' ? { kind: 'childrenSucceeded', results: await joinResults(core, job) } : parsed;
      result = await resume(program, JSON.parse(l.frame.st) as FrameState, given, ctx);
    }
    const notify = l.meta.pe !== undefined && l.meta.pf !== undefined && l.meta.pw !== undefined
      ? { pe: l.meta.pe, pf: l.meta.pf, pw: l.meta.pw, pattern: l.meta.pp ?? 'sync' } : undefined;
    const plan = toPlan({
      executionId: job.e, executionArn: l.meta.arn ?? '', frameId: job.f, version, now, scaled: (ms) => core.scaled(ms), result,
      ...(signal !== undefined ? { signal } : {}), ...(child !== undefined ? { child } : {}), ...(notify !== undefined ? { notify } : {}),
    });
    const mark = core.mark(job.e);
    const reply = await commitStepScript(core.redis, core.keys, job.e, {
      expectedEventCount: Number(l.meta.ec ?? 0),
      expectedVersion: version,
      now,
      plan,
      frameState: JSON.stringify(result.frame),
      events: result.events.map((e) => JSON.stringify(e)),
    }, mark);
    switch (reply.kind) {
      case 'committed':
        await core.relayAfterCommit(job.e, reply.entries, mark);
        return 'committed';
      case 'conflict':
        await core.relayAfterCommit(job.e, [], mark);
        continue;
      case 'stale':
      case 'closed':
      case 'aborted':
        await core.relayAfterCommit(job.e, [], mark);
        return reply.kind;
      default: {
        const never: never = reply;
        throw new Error(`unknown commit reply ${JSON.stringify(never)}`);
      }
    }
  }
  throw new Error(`advance ${job.e} ${job.f}: the event counter kept moving (${MAX_CONFLICTS} conflicts)`);
}

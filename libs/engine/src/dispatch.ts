/**
 * The worker's task consumer: loads the task a frame waits for (if it still does), hands it to
 * its integration with the idempotency key, and turns the outcome into a signal with
 * complete-task.lua. Dispatch is at-least-once; a stale job (the wait moved on) is a no-op.
 */
import { isObject, type FrameState, type Json } from '@stepwise/asl';
import type { EngineCore } from './core.js';
import type { TaskJobData } from './queues/names.js';
import type { TaskOutcome, TaskRequest } from './integrations/types.js';
import { commitStepScript, completeTaskScript, type CommitReply } from './scripts/scripts.js';
import type { DirtyMark } from './queues/relay.js';
import { toPlan } from './plan.js';
import { countCommit, countStep, countTaskAnswered, countTaskDispatched, integrationOf } from './metrics.js';
import { ownHistory, relayOrRunInline, stepContext } from './advance.js';
import { recordStateSpans, withTaskStateSpans } from './tracing.js';
import { preambleFor, resumeTask, type TaskSignal } from './task-start.js';
import { parentLinkOf } from './machine-deleted.js';

export type DispatchOutcome = 'stale' | 'delivered' | 'handedOff' | 'late';

/** Consecutive tasks of one frame a worker dispatches without going back to the queue. */
const MAX_INLINE_TASKS = 32;

/**
 * Delivers an integration's outcome to the frame waiting for it. `started`: when the call began
 * (TaskStarted's time, recorded by the step that applies the signal: task-start.ts). A hand-off
 * (`.sync`, `.waitForTaskToken`) records TaskStarted and TaskSubmitted, and keeps the frame waiting.
 */
export async function deliverOutcome(core: EngineCore, t: { executionId: string; frameId: string; waitId: string }, out: TaskOutcome, taskGeneration?: string, started?: number): Promise<DispatchOutcome> {
  const at = started !== undefined ? { started } : {};
  const signal: TaskSignal =
    out.kind === 'succeeded' ? { kind: 'taskSucceeded', output: out.output, ...at }
    : out.kind === 'failed' ? { kind: 'taskFailed', error: out.error, cause: out.cause, ...at, ...(out.submitted ? { submitted: true as const } : {}) }
    : { kind: 'taskSubmitted', output: out.kind === 'submitted' && out.output !== undefined ? out.output : {}, ...at };
  const mode = out.kind === 'submitted' || out.kind === 'dispatched' ? 'submitted' : 'terminal';
  const mark = core.mark(t.executionId);
  const r = await completeTaskScript(core.redis, core.keys, t.executionId, { frame: t.frameId, waitId: t.waitId, token: '', mode, signal: JSON.stringify(signal), now: core.clock.now(), load: true, ...(taskGeneration !== undefined ? { taskGeneration } : {}) }, mark);
  if (r.kind === 'accepted') {
    // complete-task.lua returned what the step loads: no load round trip (a frame that waits on
    // a task is past version 0, so the step needs no child inputs)
    const known = r.loaded ? { ...r.loaded, childInput: null, spawn: null } : undefined;
    await relayOrRunInline(core, t.executionId, r.entries, mark, known);
    return mode === 'submitted' ? 'handedOff' : 'delivered';
  }
  await core.relayAfterCommit(t.executionId, [], mark);
  return 'late';
}

/** Resumes the frame with the task's result and commits it (the wait is checked by the script). */
async function stepDirect(
  core: EngineCore, job: TaskJobData, l: { meta: Record<string, string>; frame: Record<string, string> }, out: Extract<TaskOutcome, { kind: 'succeeded' | 'failed' }>, started: number,
): Promise<{ reply: Extract<CommitReply, { kind: 'committed' }>; mark: DirtyMark } | 'conflict' | undefined> {
  const version = Number(l.frame.v ?? 0);
  const program = await core.programByHash(l.meta.dh ?? '');
  const now = core.clock.now();
  const own = await ownHistory(core, job, version, l);
  const ctx = stepContext(core, l.meta, job.e, job.f, version, now, own?.ctx);
  const signal: TaskSignal = out.kind === 'succeeded' ? { kind: 'taskSucceeded', output: out.output, started } : { kind: 'taskFailed', error: out.error, cause: out.cause, started, ...(out.submitted ? { submitted: true as const } : {}) };
  const frame = JSON.parse(l.frame.st ?? 'null') as FrameState;
  // TaskStarted and the outcome in this one commit (plan.direct: nothing else answered the wait)
  const result = await resumeTask(program, frame, signal, ctx, preambleFor(frame, signal, l.frame.wst === '1'));
  const notify = parentLinkOf(l.meta);
  const plan = { ...toPlan({ executionId: job.e, executionArn: l.meta.arn ?? '', frameId: job.f, version, now, scaled: (ms) => core.scaled(ms), result, ...(notify ? { notify } : {}) }), direct: job.w, ...(job.g !== undefined ? { dg: String(job.g) } : {}), ...own?.plan };
  const mark = core.mark(job.e);
  const reply = await commitStepScript(core.redis, core.keys, job.e, {
    expectedEventCount: Number(l.meta.ec ?? 0), expectedVersion: version, now, plan,
    frameState: JSON.stringify(result.frame), events: result.events.map((e) => JSON.stringify(e)),
  }, mark);
  countCommit(reply.kind);
  if (reply.kind !== 'committed') {
    await core.relayAfterCommit(job.e, [], mark);
    return reply.kind === 'conflict' ? 'conflict' : undefined;
  }
  countStep(l.meta.smName ?? '', job.f, result, Number(l.meta.startDate ?? now), now);
  await recordStateSpans(l.meta, result.events, version);
  return { reply, mark };
}

/**
 * Applies a task's result in the same process, without queueing a signal: resume the frame and
 * commit with the wait checked inside the script. Falls back to complete-task when anything
 * else happened meanwhile (a timeout, a heartbeat timer, another frame's commit).
 */
async function commitDirect(core: EngineCore, job: TaskJobData, l: { meta: Record<string, string>; frame: Record<string, string> }, out: Extract<TaskOutcome, { kind: 'succeeded' | 'failed' }>, depth: number, started: number): Promise<boolean> {
  // The step takes its turn with the execution's other steps (the inline dispatch below does not).
  // The frame was loaded before the task ran: when another frame committed meanwhile, the event
  // counter moved, so it is loaded again, in the turn, and still applied directly (at once when
  // the turn had to wait for another step of the execution: then the counter surely moved).
  const committed = await core.turns.run(job.e, async (waited) => {
    if (!waited) {
      const first = await stepDirect(core, job, l, out, started);
      if (first !== 'conflict') return first;
    }
    const m = core.redis.multi();
    m.hgetall(core.keys.meta(job.e));
    m.hgetall(core.keys.frame(job.e, job.f));
    const res = (await m.exec()) ?? [];
    const meta = (res[0]?.[1] ?? {}) as Record<string, string>;
    const frame = (res[1]?.[1] ?? {}) as Record<string, string>;
    if (meta.status !== 'RUNNING' || frame.dead === '1' || frame.wid !== job.w || frame.wdone === '1' || frame.v !== l.frame.v || !sameIncarnation(job, frame)) return undefined;
    const second = await stepDirect(core, job, { meta, frame }, out, started);
    return second === 'conflict' ? undefined : second;
  });
  if (!committed) return false;
  const { reply, mark } = committed;
  // The next state is another task of this frame: dispatch it here instead of a queue round trip
  // (bounded, so one execution cannot hold a worker slot forever). Its outbox entry is removed
  // only after that dispatch, so a crash leaves it for the sweep (at least once).
  const only = reply.entries.length === 1 ? reply.entries[0] : undefined;
  if (only && only[1].t === 'task' && depth < MAX_INLINE_TASKS) {
    try {
      await dispatchTask(core, { e: job.e, f: only[1].f, w: only[1].w, ...(only[1].g !== undefined ? { g: only[1].g } : {}) }, depth + 1, Date.now());
      await core.relayAfterCommit(job.e, [], mark, [only[0]]);
      return true;
    } catch (e) {
      core.log('warn', 'inline dispatch failed; queueing the task', { executionId: job.e, error: String(e) });
    }
  }
  await core.relayAfterCommit(job.e, reply.entries, mark);
  return true;
}

/** `scheduledAt`: when the task was scheduled (the job's creation, or the commit for an inline dispatch). */
export async function dispatchTask(core: EngineCore, job: TaskJobData, depth = 0, scheduledAt?: number): Promise<DispatchOutcome> {
  const k = core.keys;
  const m = core.redis.multi();
  m.hgetall(k.meta(job.e));
  m.hgetall(k.frame(job.e, job.f));
  const res = (await m.exec()) ?? [];
  const meta = (res[0]?.[1] ?? {}) as Record<string, string>;
  const frame = (res[1]?.[1] ?? {}) as Record<string, string>;
  if (meta.status !== 'RUNNING' || frame.dead === '1' || frame.wid !== job.w || frame.wdone === '1' || !frame.st || !sameIncarnation(job, frame)) return 'stale';
  const state = JSON.parse(frame.st) as FrameState;
  const pending = state.pending?.request;
  if (!isObject(pending as Json)) return 'stale';
  const r = pending as unknown as { resource: string; input: Json; pattern: TaskRequest['pattern']; taskToken?: string; stateName: string; attempt: number; timeoutSeconds?: number };
  const req: TaskRequest = {
    resource: r.resource,
    input: r.input,
    pattern: r.pattern,
    stateName: r.stateName,
    attempt: r.attempt,
    executionArn: meta.arn ?? '',
    idempotencyKey: `${job.e}/${job.f}/${state.enteredEventId}/${state.attempt}`,
    target: { executionId: job.e, frameId: job.f, waitId: job.w, ...(job.g !== undefined ? { generation: String(job.g) } : {}) },
    ...(meta.mock !== undefined ? { mockTestCase: meta.mock } : {}),
    ...(meta.smName !== undefined ? { stateMachineName: meta.smName } : {}),
    ...(r.taskToken !== undefined ? { taskToken: r.taskToken } : {}),
    ...(r.timeoutSeconds !== undefined ? { timeoutMs: core.scaled(r.timeoutSeconds * 1000) } : {}),
  };
  const integration = integrationOf(r.resource, core.integrations.handlers);
  const t0 = Date.now();
  // TaskStarted's time, on the engine's clock like every event's
  const started = core.clock.now();
  countTaskDispatched(integration, scheduledAt, t0);
  let out: TaskOutcome;
  try {
    out = await withTaskStateSpans(meta, { stateName: r.stateName, resource: r.resource, integration, attempt: r.attempt }, () => core.integrations.dispatch(req));
  } catch (e) {
    out = { kind: 'failed', error: 'States.TaskFailed', cause: e instanceof Error ? e.message : String(e) };
  }
  if (out.kind === 'succeeded' || out.kind === 'failed') countTaskAnswered(integration, out.kind, (Date.now() - t0) / 1000);
  if (out.kind === 'succeeded' || out.kind === 'failed') {
    try {
      if (await commitDirect(core, job, { meta, frame }, out, depth, started)) return 'delivered';
    } catch (e) {
      core.log('warn', 'direct commit failed; delivering the result as a signal', { executionId: job.e, error: String(e) });
    }
  }
  return deliverOutcome(core, req.target, out, job.g !== undefined ? String(job.g) : undefined, started);
}

/**
 * Whether the frame waits for this very task job: a Distributed Map item redriven from its start
 * waits again at the same wait ids, and only the plan time (`g` = the frame's `tg`) tells its
 * task from the first run's, whose call may still be out. Jobs or frames without it pass.
 */
function sameIncarnation(job: TaskJobData, frame: Record<string, string>): boolean {
  return job.g === undefined || frame.tg === undefined || frame.tg === String(job.g);
}

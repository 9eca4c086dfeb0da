/**
 * The worker's task consumer: loads the task a frame waits for (if it still does), hands it to
 * its integration with the idempotency key, and turns the outcome into a signal with
 * complete-task.lua. Dispatch is at-least-once; a stale job (the wait moved on) is a no-op.
 */
import type { FrameState, Json } from '@stepwise/asl';
import { isObject } from '@stepwise/asl';
import type { EngineCore } from './core.js';
import type { TaskJobData } from './queues/names.js';
import type { TaskOutcome, TaskRequest } from './integrations/types.js';
import { completeTaskScript } from './scripts/scripts.js';

export type DispatchOutcome = 'stale' | 'delivered' | 'handedOff' | 'late';

/** Delivers an integration's outcome to the frame waiting for it. */
export async function deliverOutcome(core: EngineCore, t: { executionId: string; frameId: string; waitId: string }, out: TaskOutcome): Promise<DispatchOutcome> {
  if (out.kind === 'dispatched') return 'handedOff';
  const signal =
    out.kind === 'succeeded' ? { kind: 'taskSucceeded', output: out.output }
    : out.kind === 'failed' ? { kind: 'taskFailed', error: out.error, cause: out.cause }
    : { kind: 'taskSubmitted', ...(out.output !== undefined ? { output: out.output } : {}) };
  const mode = out.kind === 'submitted' ? 'submitted' : 'terminal';
  const mark = core.mark(t.executionId);
  const r = await completeTaskScript(core.redis, core.keys, t.executionId, { frame: t.frameId, waitId: t.waitId, token: '', mode, signal: JSON.stringify(signal), now: core.clock.now() }, mark);
  if (r.kind === 'accepted') {
    await core.relayAfterCommit(t.executionId, r.entries, mark);
    return 'delivered';
  }
  await core.relayAfterCommit(t.executionId, [], mark);
  return 'late';
}

export async function dispatchTask(core: EngineCore, job: TaskJobData): Promise<DispatchOutcome> {
  const k = core.keys;
  const [meta, frame] = await Promise.all([
    core.redis.hmget(k.meta(job.e), 'status', 'arn'),
    core.redis.hmget(k.frame(job.e, job.f), 'dead', 'wid', 'wdone', 'st'),
  ]);
  if (meta[0] !== 'RUNNING' || frame[0] === '1' || frame[1] !== job.w || frame[2] === '1' || !frame[3]) return 'stale';
  const state = JSON.parse(frame[3]) as FrameState;
  const pending = state.pending?.request;
  if (!isObject(pending as Json)) return 'stale';
  const r = pending as unknown as { resource: string; input: Json; pattern: TaskRequest['pattern']; taskToken?: string; stateName: string; attempt: number; timeoutSeconds?: number };
  const req: TaskRequest = {
    resource: r.resource,
    input: r.input,
    pattern: r.pattern,
    stateName: r.stateName,
    attempt: r.attempt,
    executionArn: meta[1] ?? '',
    idempotencyKey: `${job.e}/${job.f}/${state.enteredEventId}/${state.attempt}`,
    target: { executionId: job.e, frameId: job.f, waitId: job.w },
    ...(r.taskToken !== undefined ? { taskToken: r.taskToken } : {}),
    ...(r.timeoutSeconds !== undefined ? { timeoutMs: core.scaled(r.timeoutSeconds * 1000) } : {}),
  };
  let out: TaskOutcome;
  try {
    out = await core.integrations.dispatch(req);
  } catch (e) {
    out = { kind: 'failed', error: 'States.TaskFailed', cause: e instanceof Error ? e.message : String(e) };
  }
  return deliverOutcome(core, job.e === req.target.executionId ? req.target : req.target, out);
}

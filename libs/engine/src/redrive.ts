/**
 * RedriveExecution: a FAILED, TIMED_OUT or ABORTED execution resumes at the state that failed
 * (AWS: the redrive restarts from the unsuccessful state; SUCCEEDED and RUNNING executions are
 * not redrivable). The failed state is the root frame's last `*StateEntered` event, found by
 * walking the frame's previousEventId chain; the frame re-enters that state with its input and
 * fresh retry counters, and `$$.Execution.RedriveCount` counts up.
 */
import type { FrameState, Json } from '@stepwise/asl';
import type { EngineCore } from './core.js';
import { EngineError } from './facade.js';
import { countRedriven } from './metrics.js';
import { SCRIPTS, runMarked } from './scripts/scripts.js';
import { entriesFromReply } from './queues/outbox.js';

export async function redriveExecution(core: EngineCore, executionId: string, executionArn: string): Promise<{ readonly redriveDate: number }> {
  const k = core.keys;
  const m = core.redis.multi();
  m.hgetall(k.meta(executionId));
  m.hget(k.frame(executionId, 'root'), 'st');
  const r = (await m.exec()) ?? [];
  const meta = (r[0]?.[1] ?? {}) as Record<string, string>;
  const st = (r[1]?.[1] ?? null) as string | null;
  if (!meta.status) throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  if (meta.status === 'RUNNING' || meta.status === 'SUCCEEDED') {
    throw new EngineError('ExecutionNotRedrivable', `Execution is ${meta.status} and cannot be redriven`);
  }
  if (st === null) throw new EngineError('ExecutionNotRedrivable', 'Execution has no state to redrive from');
  const frame = JSON.parse(st) as FrameState;
  let eventId = frame.lastEventId;
  let entered: { id: number; name: string; input: string } | undefined;
  for (let hops = 0; eventId > 0 && hops < 10_000 && !entered; hops++) {
    const text = await core.redis.lindex(k.history(executionId), eventId - 1);
    if (text === null) break;
    const ev = JSON.parse(text) as { id: number; previousEventId: number; type: string; stateEnteredEventDetails?: { name?: string; input?: string } };
    if (ev.type.endsWith('StateEntered') && ev.stateEnteredEventDetails?.name !== undefined) {
      entered = { id: ev.id, name: ev.stateEnteredEventDetails.name, input: ev.stateEnteredEventDetails.input ?? '{}' };
    }
    eventId = ev.previousEventId;
  }
  if (!entered) throw new EngineError('ExecutionNotRedrivable', 'Execution failed before entering a state and cannot be redriven');
  const now = core.clock.now();
  const ec = Number(meta.ec ?? 0);
  const rc = Number(meta.rc ?? 0) + 1;
  const event = { id: ec + 1, previousEventId: ec, timestamp: new Date(now).toISOString(), type: 'ExecutionRedriven', executionRedrivenEventDetails: { redriveCount: rc } };
  const reset: FrameState = {
    ...frame, state: entered.name, stateInput: JSON.parse(entered.input) as Json, phase: 'retry', attempt: 1, retryCounts: [], pending: null,
    enteredEventId: entered.id, lastEventId: ec + 1,
  };
  const mark = core.mark(executionId);
  const reply = await runMarked(core.redis, k, executionId, SCRIPTS.redriveExecution,
    [k.meta(executionId), k.history(executionId), k.outbox(executionId), k.frames(executionId)],
    [k.frame(executionId, ''), k.signals(executionId, ''), k.joinResults(executionId, ''), meta.status, ec, now, JSON.stringify(event), JSON.stringify(reset), rc], mark);
  if (reply[0] !== 1) {
    await core.relayAfterCommit(executionId, [], mark);
    throw new EngineError('ExecutionNotRedrivable', `Execution is ${String(reply[1])} and cannot be redriven now`);
  }
  await core.relayAfterCommit(executionId, entriesFromReply(reply.slice(1)), mark);
  countRedriven(meta.smName ?? '');
  return { redriveDate: now };
}

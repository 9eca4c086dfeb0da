/**
 * Executions of a state machine being deleted (docs/adr/0012). AWS: "A state machine is deleted
 * only when all its executions are completed. On the next state transition, the state machine's
 * executions are terminated": an execution fails with States.Runtime, "State machine <name> has
 * been deleted.". DeleteStateMachine marks each execution in its own meta (mark-deleted.lua);
 * commit-step.lua refuses the next transition of a marked execution, and the step that met the
 * refusal fails the execution here, as StopExecution ends one (every frame dead, running inline
 * iterations aborted, tokens and timers closed, nested children stopped, a `.sync` parent told).
 */
import type { EngineCore } from './core.js';
import { executionIdOf } from './ids.js';
import type { ExecutionId } from './keys.js';
import { countClosed } from './metrics.js';
import type { DirtyMark } from './queues/relay.js';
import { queueMarkDeleted, stopExecutionScript, type Entries } from './scripts/scripts.js';

export const MACHINE_DELETED_ERROR = 'States.Runtime';

export function machineDeletedCause(stateMachineName: string): string {
  return `State machine ${stateMachineName} has been deleted.`;
}

/** A nested execution's link to the `.sync` task waiting for it (its meta's pe/pf/pw/pp/pg), if any. */
export function parentLinkOf(meta: Readonly<Record<string, string>>): { pe: string; pf: string; pw: string; pattern: string; pg?: string } | undefined {
  if (meta.pe === undefined || meta.pf === undefined || meta.pw === undefined) return undefined;
  return { pe: meta.pe, pf: meta.pf, pw: meta.pw, pattern: meta.pp ?? 'sync', ...(meta.pg !== undefined ? { pg: meta.pg } : {}) };
}

/** The outbox entry that answers a nested execution's `.sync` parent once it ended ('' for none). */
export function parentNotification(meta: Record<string, string>): string {
  const link = parentLinkOf(meta);
  return link ? JSON.stringify({ t: 'notify', ...link, arn: meta.arn ?? '' }) : '';
}

/**
 * Fails an execution whose transition commit-step.lua refused because its machine is being
 * deleted. A no-op when it ended meanwhile (another frame's step got there first). Answers the
 * entries to relay and the dirty mark written with the commit.
 */
export async function failDeletedExecution(core: EngineCore, id: ExecutionId, meta: Record<string, string>): Promise<{ entries: Entries; mark: DirtyMark }> {
  const now = core.clock.now();
  const mark = core.mark(id);
  const r = await stopExecutionScript(core.redis, core.keys, id, {
    now, status: 'FAILED', eventType: 'ExecutionFailed', detailsField: 'executionFailedEventDetails', timestamp: new Date(now).toISOString(),
    error: MACHINE_DELETED_ERROR, cause: machineDeletedCause(meta.smName ?? ''), notify: parentNotification(meta),
  }, mark);
  if (r.kind !== 'stopped') return { entries: [], mark };
  countClosed(meta.smName ?? '', 'FAILED', Number(meta.startDate ?? now), now);
  return { entries: r.entries, mark };
}

const PAGE = 500;

/**
 * Marks every execution of a state machine (started through it, a version or an alias: all are
 * indexed under the machine's ARN) so that its next transition fails it; answers whether any of
 * them still runs. One pipelined script per execution, each in its own slot; idempotent, so
 * DeleteStateMachine and every later settle may call it again (an execution whose start raced
 * the delete is marked by the next call). `startedSince` (ms) limits it to executions started
 * then or later (the index is scored by start time): a settle after the delete need not write
 * every execution the machine ever had again.
 */
export async function markStateMachineDeleted(core: EngineCore, stateMachineArn: string, startedSince?: number): Promise<boolean> {
  const key = core.keys.executionsOf(stateMachineArn);
  let running = false;
  for (let offset = 0; ; offset += PAGE) {
    const page = startedSince === undefined
      ? await core.redis.zrange(key, offset, offset + PAGE - 1)
      : await core.redis.zrangebyscore(key, startedSince, '+inf', 'LIMIT', offset, PAGE);
    if (page.length === 0) return running;
    const pipe = core.redis.pipeline();
    for (const arn of page) {
      const id = executionIdOf(arn);
      if (id !== undefined) queueMarkDeleted(pipe, core.keys, id);
    }
    const res = (await pipe.exec()) ?? [];
    for (const [err, r] of res) {
      if (err) throw err;
      if (r === 1) running = true;
    }
  }
}

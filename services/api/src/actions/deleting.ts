/**
 * DeleteStateMachine is asynchronous in AWS: the machine stays DELETING while any of its
 * executions runs and is gone afterwards; each running execution fails (States.Runtime) at its
 * next state transition. The registry removes the machine when asked to settle; the api asks
 * whenever it is about to answer about a DELETING machine, so every answer (Describe, List, Create
 * of the same name, StartExecution) sees it gone as soon as its last execution ended.
 */
import type { StateMachineRecord, Terminate } from '@stepwise/engine';
import type { AppDeps } from '../deps.js';

/**
 * Marks the machine's executions to fail at their next transition; answers whether any runs. A
 * settle marks only the late starts (`startedSince`) and then asks whether any of all still runs.
 */
export function terminateRunning(deps: AppDeps): Terminate {
  return async (arn, startedSince) => {
    if (startedSince === undefined) return deps.engine.markStateMachineDeleted(arn);
    await deps.engine.markStateMachineDeleted(arn, startedSince);
    return deps.engine.hasRunningExecutions(arn);
  };
}

/** The machine as it is now: a DELETING one none of whose executions runs is removed first. */
export async function settle(deps: AppDeps, sm: StateMachineRecord | undefined): Promise<StateMachineRecord | undefined> {
  return sm?.status === 'DELETING' ? deps.registry.settleDeletion(sm.name, terminateRunning(deps)) : sm;
}

export async function currentMachine(deps: AppDeps, name: string): Promise<StateMachineRecord | undefined> {
  return settle(deps, await deps.registry.getStateMachine(name));
}

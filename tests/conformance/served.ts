/**
 * Serves the not-mockable cases whose README reason says what the task did without a response:
 * "The task in state 'X' timed out" or "failed with neither an error nor a cause". The state's
 * every attempt gets that outcome; any other Task state fails as unserved.
 */
import type { TaskOutcome, TaskRequest } from '@stepwise/asl';

const TIMED_OUT = /^The task in state '([^']+)' timed out/;
const BARE_FAILURE = /^The task in state '([^']+)' failed with neither an error nor a cause/;

/** A taskHandler for the case, or undefined when its reason names no such outcome. */
export function servedTaskHandler(reason: string | undefined): ((request: TaskRequest) => TaskOutcome) | undefined {
  if (reason === undefined) return undefined;
  const timedOut = TIMED_OUT.exec(reason)?.[1];
  const bare = BARE_FAILURE.exec(reason)?.[1];
  const state = timedOut ?? bare;
  if (state === undefined) return undefined;
  return (request) => {
    if (request.stateName !== state) return { kind: 'failed', error: 'States.TaskFailed', cause: `no outcome known for state '${request.stateName}'` };
    return timedOut !== undefined ? { kind: 'timedOut' } : { kind: 'failed' };
  };
}

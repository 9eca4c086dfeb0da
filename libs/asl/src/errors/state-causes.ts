/**
 * Cause texts the state layer writes itself (the evaluators' own texts are in causes.ts).
 */

/** AWS's prefix for any failure raised while a state evaluates its fields. */
export function stateFailureCause(stateName: string, enteredEventId: number, message: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${message}`;
}

/** A state output above the payload limit. */
export function dataLimitCause(stateName: string, limit: number): string {
  return `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit (${limit} bytes).`;
}

/** A Task whose resource no handler serves (runInMemory). */
export function noHandlerCause(resource: string): string {
  return `No handler serves the resource '${resource}'. Pass one to runInMemory: { handlers: { '${resource}': async (input) => result } } (a key may use '*' wildcards or be a RegExp), or a taskHandler hook.`;
}

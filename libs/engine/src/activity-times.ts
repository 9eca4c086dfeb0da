/**
 * Where an activity task's start time (GetActivityTask handed it out) is kept: a field beside the
 * task's WaitingTask info in the execution's task-info hash, so SendTaskSuccess/Failure on any
 * process can report AWS's ActivityRunTime. The hash goes with the execution; nothing lists it.
 */
export function startedField(taskToken: string): string {
  return `${taskToken}|started`;
}

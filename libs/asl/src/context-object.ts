/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata) for the running state:
 * Execution, StateMachine and State members built from the StepContext and the frame, plus
 * what a state adds (Task.Token, Map.Item).
 */
import type { JsonObject } from './json.js';
import type { StepContext } from './context.js';
import type { FrameState } from './frame.js';

export function contextObject(ctx: StepContext, frame: FrameState, retriable: boolean, extra?: JsonObject): JsonObject {
  const e = ctx.execution;
  const execution: JsonObject = {
    Id: e.id,
    Input: e.input ?? {},
    Name: e.name,
    RoleArn: e.roleArn,
    StartTime: e.startTime,
    RedriveCount: e.redriveCount ?? 0,
  };
  // AWS: RetryCount only appears in states that can retry (JSONata BASE_EXPR recording has none for Pass).
  const state: JsonObject = { EnteredTime: new Date(frame.enteredAt).toISOString(), Name: frame.state };
  if (retriable) state['RetryCount'] = frame.attempt - 1;
  const out: JsonObject = {
    Execution: execution,
    StateMachine: { Id: e.stateMachineId, Name: e.stateMachineName },
    State: state,
  };
  if (extra !== undefined) Object.assign(out, extra);
  return out;
}

/**
 * AWS records TaskStarted (LambdaFunctionStarted) as it calls a task's service, and TaskSubmitted
 * once a `.sync` / `.waitForTaskToken` call was accepted. The engine learns of the call only with
 * its answer, so the step that applies the answer records them first: one commit, contiguous
 * event ids, TaskStarted stamped with the time the call began (`started` in a queued signal).
 * Activities are left out (GetActivityTask records ActivityStarted), and so is the approval step
 * (no service is called).
 */
import { isObject, parseResource, resume, type FrameState, type Json, type Program, type Signal, type StepContext, type StepResult } from '@stepwise/asl';
import { APPROVAL_RESOURCE } from './plan.js';

/**
 * A task answer as the engine queues it: `started` (ms) is when its call began (set by the
 * dispatcher only); `submitted`, on a dispatcher's failure, that the call was accepted first;
 * `handOff`, on an answer that may arrive before its hand-off was recorded, the call's response
 * (TaskSubmitted's output then).
 */
export type TaskSignal = Signal & { readonly started?: number; readonly submitted?: true; readonly handOff?: Json };

/** What a step records before it applies a task's answer. */
export type Preamble = 'none' | 'started' | 'startedSubmitted';

/**
 * `handedOff`: the frame's wait already took its hand-off (complete-task's `wst`), whose step
 * records the preamble; a terminal answer after it records none.
 */
export function preambleFor(frame: FrameState, signal: Signal, handedOff: boolean): Preamble {
  const request = frame.pending?.['request'];
  if (frame.phase !== 'task' || !isObject(request as Json)) return 'none';
  const resource = (request as { resource?: unknown }).resource;
  if (typeof resource !== 'string' || resource === APPROVAL_RESOURCE) return 'none';
  const info = parseResource(resource);
  if (info.family === 'activity') return 'none';
  if (signal.kind === 'taskSubmitted') return 'started';
  const terminal = signal.kind === 'taskSucceeded' || signal.kind === 'taskFailed' || (signal.kind === 'timedOut' && signal.target !== 'execution');
  if (!terminal || handedOff) return 'none';
  if (info.pattern === 'requestResponse') return 'started';
  // No hand-off recorded yet. A timeout, or the call's own failure (the dispatcher's answer,
  // which carries `started`), means nothing was submitted: AWS records no TaskSubmitted then.
  // A success from the dispatcher (an integration that waits inside the call, BullMQ `.sync`)
  // or an answer from elsewhere before the hand-off was queued (a task token answered at once,
  // a `.sync` child that ended first) comes after a submission.
  const fromDispatcher = (signal as TaskSignal).started !== undefined;
  if (signal.kind === 'timedOut' || (signal.kind === 'taskFailed' && fromDispatcher && (signal as TaskSignal).submitted !== true)) return 'started';
  return 'startedSubmitted';
}

/** Resumes a task frame with its preamble's signals and then `signal`, chained into one step's result. */
export async function resumeTask(program: Program, frame: FrameState, signal: TaskSignal, ctx: StepContext, preamble: Preamble): Promise<StepResult> {
  const { started, submitted: _submitted, handOff, ...plain } = signal as TaskSignal;
  if (preamble === 'none') return resume(program, frame, plain as Signal, ctx);
  const first: Signal[] = preamble === 'started' ? [{ kind: 'taskStarted' }] : [{ kind: 'taskStarted' }, { kind: 'taskSubmitted', output: handOff ?? {} }];
  const events: StepResult['events'] = [];
  let current = frame;
  for (const s of first) {
    // never after the step's own time: the call began before its answer was applied
    const now = s.kind === 'taskStarted' && started !== undefined ? Math.min(started, ctx.now) : ctx.now;
    const r = await resume(program, current, s, { ...ctx, now, nextEventId: ctx.nextEventId + events.length });
    events.push(...r.events);
    current = r.frame;
  }
  const last = await resume(program, current, plain as Signal, { ...ctx, nextEventId: ctx.nextEventId + events.length });
  return { ...last, events: [...events, ...last.events] };
}

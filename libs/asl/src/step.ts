/**
 * The step API (docs/adr/0002-pure-step-api.md): startExecution, startChild and resume each run
 * one frame until it blocks, and return the frame, the events appended and why it stopped.
 * This module owns what is common to every state: entered/exited events, failures thrown by
 * evaluators (prefixed with AWS's "An error occurred while executing the state ..." text), Retry,
 * Catch, variable writes and the end of a frame. Nothing escapes as an exception.
 */
import type { Json, JsonObject } from './json.js';
import { isObject, measuredBytes, toJsonText, utf8Length } from './json.js';
import type { Program, CompiledBody } from './definition/compile.js';
import type { Catcher, State } from './definition/types.js';
import type { StepContext } from './context.js';
import { AWS_LIMITS, payloadsAsValues } from './context.js';
import type { Blocked, ChildSpawn, FrameState, Signal, StepResult } from './frame.js';
import { EventLog } from './events/emitter.js';
import type { HistoryEventType } from './events/types.js';
import { isStatesError } from './errors/states-error.js';
import { decideRetry } from './errors/retry.js';
import { findCatcher, errorOutput } from './errors/catch.js';
import type { Outcome, StateRun } from './states/evaluator.js';
import { evaluatorFor } from './states/registry.js';
import { assignJsonPath, assignJsonata, assignedVariablesDetails } from './variables/assign.js';
import { placeResult } from './io/jsonpath-io.js';
import { evaluateJsonataValue, jsonataStates } from './io/jsonata-io.js';
import { RunView, type RunnerPort } from './run-view.js';
import { stateFailureCause, dataLimitCause } from './errors/state-causes.js';

type Action = { readonly mode: 'enter' } | { readonly mode: 'reenter' } | { readonly mode: 'resume'; readonly signal: Signal };
const ENTER: Action = { mode: 'enter' };
type Handled = { kind: 'blocked'; blocked: Blocked } | { kind: 'reenter' } | { kind: 'failed' } | { kind: 'caught'; output: Json; next: string | null };
const FAILED: Handled = { kind: 'failed' };
const REENTER: Action = { mode: 'reenter' };

const DETAILS = { truncated: false } as const;

/** Event type names per state type, built once (no string concatenation on the hot path). */
const TYPES: readonly State['Type'][] = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];
const ENTERED = Object.fromEntries(TYPES.map((t) => [t, `${t}StateEntered`])) as Record<State['Type'], HistoryEventType>;
const EXITED = Object.fromEntries(TYPES.map((t) => [t, `${t}StateExited`])) as Record<State['Type'], HistoryEventType>;

/** Starts an execution: ExecutionStarted, then runs from StartAt until blocked. */
export async function startExecution(program: Program, input: Json, ctx: StepContext): Promise<StepResult> {
  return startExecutionStep(program, input, ctx);
}

/** Starts child `index` of a Parallel or Map (its first step). */
export async function startChild(program: Program, spawn: ChildSpawn, index: number, ctx: StepContext): Promise<StepResult> {
  return startChildStep(program, spawn, index, ctx);
}

/** Moves a blocked frame on with a signal. */
export async function resume(program: Program, frame: FrameState, signal: Signal, ctx: StepContext): Promise<StepResult> {
  return resumeStep(program, frame, signal, ctx);
}

/*
 * The same three steps for the in-memory driver, which takes a result without a promise when a
 * step needed none (every JSONPath state): the step API above is these, always as a promise.
 */

export function startExecutionStep(program: Program, input: Json, ctx: StepContext): StepResult | Promise<StepResult> {
  const body = program.bodies.get('');
  const frame: FrameState = {
    frameId: 'root',
    scope: '',
    index: -1,
    kind: 'root',
    parentState: '',
    recordEvents: true,
    state: body?.startAt ?? '',
    phase: 'done',
    stateInput: input,
    enteredEventId: 0,
    attempt: 1,
    retryCounts: [],
    lastEventId: 0,
    variables: {},
    inherited: {},
    pending: null,
    enteredAt: ctx.now,
  };
  const runner = new FrameRunner(program, frame, ctx);
  const limit = (ctx.limits ?? AWS_LIMITS).payloadBytes;
  let fits: boolean;
  if (runner.values) {
    runner.emit('ExecutionStarted', { input, inputDetails: DETAILS, roleArn: ctx.execution.roleArn });
    const bound = measuredBytes(input, limit);
    fits = bound !== undefined;
    if (bound !== undefined) runner.remember(input, bound);
  } else {
    const text = toJsonText(input);
    runner.emit('ExecutionStarted', { input: text, inputDetails: DETAILS, roleArn: ctx.execution.roleArn });
    runner.carriedText = text;
    fits = utf8Length(text) <= limit;
  }
  if (!fits) {
    return runner.result(runner.failFrame('States.DataLimitExceeded', `The input exceeds the maximum number of bytes: ${limit} bytes.`));
  }
  return runner.finish(runner.run(ENTER));
}

export function startChildStep(program: Program, spawn: ChildSpawn, index: number, ctx: StepContext): StepResult | Promise<StepResult> {
  const scope = spawn.scopes[index] ?? spawn.scopes[0] ?? '';
  const body = program.bodies.get(scope);
  const frame: FrameState = {
    frameId: `${spawn.parentFrameId}/${index}`,
    scope,
    index,
    kind: spawn.kind,
    parentState: spawn.stateName,
    recordEvents: spawn.recordEvents,
    state: body?.startAt ?? '',
    phase: 'done',
    stateInput: spawn.inputs[index] ?? null,
    enteredEventId: 0,
    attempt: 1,
    retryCounts: [],
    lastEventId: spawn.parentEventId,
    variables: {},
    inherited: spawn.variables,
    pending: null,
    enteredAt: ctx.now,
  };
  const own = ctx.childExecution;
  if (own?.top === true) frame.lastEventId = ctx.nextEventId - 1;
  const runner = new FrameRunner(program, frame, ctx);
  if (own?.top === true) {
    // a redriven item runs again from its start after its earlier events (its own history)
    if (own.redriveCount !== undefined) runner.emit('ExecutionRedriven', { redriveCount: own.redriveCount });
    else {
      const input = runner.values ? frame.stateInput : toJsonText(frame.stateInput);
      runner.emit('ExecutionStarted', { input, inputDetails: DETAILS, roleArn: ctx.execution.roleArn });
    }
  } else if (spawn.kind === 'iteration') runner.emit('MapIterationStarted', { name: spawn.stateName, index });
  return runner.finish(runner.run(ENTER));
}

export function resumeStep(program: Program, frame: FrameState, signal: Signal, ctx: StepContext): StepResult | Promise<StepResult> {
  if (frame.state === '') {
    // a late or duplicate signal for a frame that already ended: nothing happens
    return { frame, events: [], blocked: { kind: 'failed', error: 'States.Runtime', cause: `The frame '${frame.frameId}' has already ended.` } };
  }
  const runner = new FrameRunner(program, ctx.frameInPlace === true ? frame : ownCopy(frame), ctx);
  return runner.finish(runner.run({ mode: 'resume', signal }));
}

/**
 * The frame a step may change without touching the caller's (the engine re-runs a step after a
 * lost commit from the frame it stored). A copy of the frame object only: a step replaces
 * members, it never mutates them in place (the retry counters and the variables are copied on
 * write, in handleFailure and exitState), and the JSON values (stateInput, pending, inherited)
 * are immutable by convention: evaluators never mutate their inputs, they build new values
 * (placeResult copies only the spine it writes).
 */
function ownCopy(frame: FrameState): FrameState {
  // Spelled out rather than spread: one object shape, built without walking the source's keys.
  return {
    frameId: frame.frameId,
    scope: frame.scope,
    index: frame.index,
    kind: frame.kind,
    parentState: frame.parentState,
    recordEvents: frame.recordEvents,
    state: frame.state,
    phase: frame.phase,
    stateInput: frame.stateInput,
    enteredEventId: frame.enteredEventId,
    attempt: frame.attempt,
    retryCounts: frame.retryCounts,
    lastEventId: frame.lastEventId,
    variables: frame.variables,
    inherited: frame.inherited,
    pending: frame.pending,
    enteredAt: frame.enteredAt,
  };
}

class FrameRunner implements RunnerPort {
  readonly log: EventLog;
  /** The JSON text of the last exited state's output, reused as the next state's input text. */
  carriedText: string | undefined;
  /** Payloads go into events as values, unserialised (StepContext.payloads). */
  readonly values: boolean;
  /** What evaluators see of the context (now, random, uuid): the context itself, no copy per step. */
  readonly env: { now: number; random: () => number; uuid: () => string };
  /** The evaluators' view of this step's current state (one per step: states run one at a time). */
  private view: RunView | undefined;

  constructor(
    readonly program: Program,
    readonly frame: FrameState,
    readonly ctx: StepContext,
  ) {
    this.log = new EventLog(ctx.nextEventId, ctx.now, frame.recordEvents || ctx.childExecution !== undefined, ctx.observer);
    this.env = ctx;
    this.values = payloadsAsValues(ctx);
  }

  /** The bound of the frame's input, when the run recorded it (StepContext.payloadBounds). */
  inputBound(): number | undefined {
    const known = this.ctx.payloadBounds;
    return known !== undefined && known.value === this.frame.stateInput ? known.bound : undefined;
  }

  /** Records a measured or derived bound for the next state's checks. */
  remember(value: Json, bound: number): void {
    const known = this.ctx.payloadBounds;
    if (known === undefined) return;
    known.value = value;
    known.bound = bound;
  }

  /** The frame is an execution of its own: the root, or a Distributed Map child execution. */
  top(): boolean {
    return this.frame.kind === 'root' || this.ctx.childExecution?.top === true;
  }

  emit(type: HistoryEventType, details?: JsonObject, field?: string): number {
    const id = this.log.append(type, this.frame.lastEventId, details, field);
    this.frame.lastEventId = id;
    return id;
  }

  result(blocked: Blocked): StepResult {
    return { frame: this.frame, events: this.log.events, blocked };
  }

  finish(blocked: Blocked | Promise<Blocked>): StepResult | Promise<StepResult> {
    return blocked instanceof Promise ? blocked.then((b) => this.result(b)) : this.result(blocked);
  }

  /**
   * Runs states until the frame blocks or ends. Synchronous while every state answers
   * synchronously (JSONPath); the rest of the step continues asynchronously from the first state
   * that answers with a promise (JSONata, Map, Parallel, a Catch's JSONata Output).
   */
  run(first: Action): Blocked | Promise<Blocked> {
    let action: Action = first;
    for (;;) {
      const r = this.oneState(action);
      // a Blocked always has a `kind` (a Map's has a `mode` too); an Action never has one
      if (r instanceof Promise) return r.then((x) => ('kind' in x ? x : this.run(x)));
      if ('kind' in r) return r;
      action = r;
    }
  }

  /** One state: the frame blocks or ends (Blocked), or enters the next state (Action). */
  private oneState(action: Action): Blocked | Action | Promise<Blocked | Action> {
    const body = this.program.bodies.get(this.frame.scope);
    const state = body?.states[this.frame.state];
    if (body === undefined || state === undefined) {
      return this.failFrame('States.Runtime', `The state '${this.frame.state}' does not exist in the definition.`);
    }
    // A loop of Pass/Choice states never blocks: the step itself stops at the history limit.
    const historyLimit = (this.ctx.limits ?? AWS_LIMITS).historyEvents;
    if (this.log.count >= historyLimit) {
      return this.failFrame('States.Runtime', `The execution reached the maximum number of history events (${historyLimit}).`);
    }
    const run = this.stateRun(body, state);
    let acted: Outcome | Promise<Outcome>;
    try {
      acted = this.act(run, state, action);
    } catch (e) {
      return this.settle(run, state, this.thrown(e, state));
    }
    if (acted instanceof Promise) {
      return acted.then(
        (outcome) => this.settle(run, state, outcome),
        (e: unknown) => this.settle(run, state, this.thrown(e, state)),
      );
    }
    return this.settle(run, state, acted);
  }

  /** What a state's outcome does to the frame. */
  private settle(run: StateRun, state: State, outcome: Outcome): Blocked | Action | Promise<Blocked | Action> {
    if (outcome.kind === 'block') {
      this.frame.phase = outcome.phase;
      this.frame.pending = outcome.pending;
      return outcome.blocked;
    }
    this.frame.pending = null;
    this.frame.phase = 'done';
    if (outcome.kind === 'next') {
      const moved = this.exitState(state, outcome.output, outcome.assign, outcome.bound);
      if (moved !== undefined) return moved;
      if (outcome.next === null) return this.endFrame(outcome.output);
      this.frame.state = outcome.next;
      this.frame.stateInput = outcome.output;
      return ENTER;
    }
    if (!outcome.handled) {
      if (outcome.after !== undefined) this.emit(outcome.after);
      return this.failFrame(outcome.error, outcome.cause);
    }
    const handled = this.handleFailure(run, state, outcome.error, outcome.cause, outcome.after, outcome.reportedByTask === true);
    return handled instanceof Promise ? handled.then((h) => this.afterFailure(state, outcome, h)) : this.afterFailure(state, outcome, handled);
  }

  private afterFailure(state: State, outcome: { readonly error?: string; readonly cause?: string }, handled: Handled): Blocked | Action {
    if (handled.kind === 'blocked') return handled.blocked;
    if (handled.kind === 'reenter') return REENTER;
    if (handled.kind === 'failed') {
      // AWS: a Task failing a Parallel branch is also aborted there (recorded: TaskFailed,
      // TaskStateAborted, ParallelStateFailed); at the top level the execution just fails.
      if (state.Type === 'Task' && !this.top()) this.emit('TaskStateAborted');
      return this.failFrame(outcome.error, outcome.cause);
    }
    // caught: the exit already happened; move on.
    if (handled.next === null) return this.endFrame(handled.output);
    this.frame.state = handled.next;
    this.frame.stateInput = handled.output;
    return ENTER;
  }

  private act(run: StateRun, state: State, action: Action): Outcome | Promise<Outcome> {
    const evaluator = evaluatorFor(state);
    if (action.mode === 'enter') {
      this.frame.attempt = 1;
      this.frame.retryCounts = [];
      this.frame.enteredAt = this.ctx.now;
      if (this.log.observed) {
        // observed: the entry is reported without building its details
        const id = this.log.entered(ENTERED[state.Type], this.frame.lastEventId, this.frame.state, this.frame.stateInput);
        this.frame.lastEventId = id;
        this.frame.enteredEventId = id;
        return evaluator.enter(run, state);
      }
      const input = this.values ? this.frame.stateInput : (this.carriedText ?? toJsonText(this.frame.stateInput));
      this.carriedText = undefined;
      this.frame.enteredEventId = this.emit(
        ENTERED[state.Type],
        {
          name: this.frame.state,
          input,
          inputDetails: DETAILS,
        },
        'stateEnteredEventDetails',
      );
      return evaluator.enter(run, state);
    }
    if (action.mode === 'reenter') return evaluator.enter(run, state);
    const signal = action.signal;
    if (signal.kind === 'aborted') return this.abortOutcome(state, signal);
    if (signal.kind === 'timedOut' && (signal.target === 'execution' || (signal.target === undefined && this.frame.phase !== 'task'))) {
      return { kind: 'block', phase: 'done', pending: null, blocked: this.timeOutExecution(signal.error, signal.cause) };
    }
    const stale = this.staleSignal(signal);
    if (stale !== undefined) return stale;
    if (signal.kind === 'timerFired' && this.frame.phase === 'retry') return evaluator.enter(run, state);
    return evaluator.resume(run, state, signal);
  }

  /**
   * A signal that does not fit what the frame waits for (a duplicate timer, a late task result)
   * changes nothing: the frame stays blocked as it was (DESIGN: stale deliveries are no-ops).
   */
  private staleSignal(signal: Signal): Outcome | undefined {
    const phase = this.frame.phase;
    const pending = this.frame.pending;
    const stay = (blocked: Blocked): Outcome => ({ kind: 'block', phase, pending, blocked });
    const until = typeof pending?.['until'] === 'number' ? pending['until'] : undefined;
    if ((phase === 'wait' || phase === 'retry') && signal.kind !== 'timerFired' && until !== undefined) {
      return stay({ kind: 'timer', until, reason: phase === 'wait' ? 'wait' : 'retry' });
    }
    const request = pending?.['request'];
    if (phase === 'task' && (signal.kind === 'timerFired' || signal.kind === 'childrenSucceeded' || signal.kind === 'childrenFailed') && isObject(request)) {
      return stay(request as unknown as Blocked);
    }
    return undefined;
  }

  private stateRun(body: CompiledBody, state: State): StateRun {
    const language = body.languages[this.frame.state] ?? 'JSONPath';
    if (this.view === undefined) this.view = new RunView(this, state, language);
    return this.view.moveTo(state, language);
  }

  /** A StatesError (or a bug) thrown while evaluating a state becomes a failure with AWS's cause. */
  thrown(e: unknown, state: State): Outcome {
    const error = isStatesError(e) ? e.error : 'States.Runtime';
    const message = isStatesError(e) ? e.cause : e instanceof Error ? e.message : String(e);
    const cause = stateFailureCause(this.frame.state, this.frame.enteredEventId, message);
    if (error === 'States.QueryEvaluationError') {
      this.emit('EvaluationFailed', { error, cause, state: this.frame.state });
    }
    void state.Type;
    return { kind: 'fail', error, cause, handled: true };
  }

  /** Exit event, payload limit and variable writes. Returns a Blocked when the frame ended instead. */
  private exitState(state: State, output: Json, assign: JsonObject | undefined, bound?: number): Blocked | undefined {
    const limit = (this.ctx.limits ?? AWS_LIMITS).payloadBytes;
    const text = this.values ? undefined : toJsonText(output);
    // UTF-8 needs at most 3 bytes per UTF-16 unit: short texts need no counting. An output that
    // is the state's own input (a Choice, a bare Pass) was measured when it was produced.
    if (text === undefined ? !this.outputFits(output, bound, limit) : text.length * 3 > limit && utf8Length(text) > limit) {
      return this.failFrame('States.DataLimitExceeded', dataLimitCause(this.frame.state, limit));
    }
    if (this.log.observed) this.frame.lastEventId = this.log.exited(EXITED[state.Type], this.frame.lastEventId, this.frame.state);
    else {
      const details: JsonObject = { name: this.frame.state, output: text ?? output, outputDetails: DETAILS };
      if (assign !== undefined) {
        details['assignedVariables'] = assignedVariablesDetails(assign);
        details['assignedVariablesDetails'] = DETAILS;
      }
      this.emit(EXITED[state.Type], details, 'stateExitedEventDetails');
    }
    this.carriedText = text;
    // copied on write: the frame given to resume() shares this object with the caller's
    if (assign !== undefined) this.frame.variables = { ...this.frame.variables, ...assign };
    return undefined;
  }

  /**
   * The payload limit with payloads as values: a bound the evaluator derived from the input's
   * spares the walk while it is under the limit (io/payload-bounds.ts); else the output is measured.
   */
  private outputFits(output: Json, bound: number | undefined, limit: number): boolean {
    if (output === this.frame.stateInput) return true;
    const fits = bound !== undefined && bound <= limit ? bound : measuredBytes(output, limit);
    if (fits === undefined) return false;
    this.remember(output, fits);
    return true;
  }

  /** Retry, else Catch, else the frame fails; synchronous unless a Catch's JSONata must be evaluated. */
  private handleFailure(
    run: StateRun,
    state: State,
    error: string | undefined,
    cause: string | undefined,
    after: HistoryEventType | undefined,
    reportedByTask: boolean,
  ): Handled | Promise<Handled> {
    if (state.Type !== 'Task' && state.Type !== 'Parallel' && state.Type !== 'Map') {
      if (after !== undefined) this.emit(after);
      return FAILED;
    }
    const decision = decideRetry(state.Retry, this.frame.retryCounts, error, this.ctx.random, reportedByTask);
    if (decision.retry) {
      const counts = this.frame.retryCounts.slice(); // copied on write (see ownCopy)
      this.frame.retryCounts = counts;
      while (counts.length <= decision.retrierIndex) counts.push(0);
      counts[decision.retrierIndex] = (counts[decision.retrierIndex] ?? 0) + 1;
      this.frame.attempt += 1;
      if (decision.delayMs <= 0) return { kind: 'reenter' };
      const until = this.ctx.now + decision.delayMs;
      this.frame.phase = 'retry';
      this.frame.pending = { until };
      return { kind: 'blocked', blocked: { kind: 'timer', until, reason: 'retry' } };
    }
    // AWS: MapStateFailed / ParallelStateFailed only once Retry has given up.
    if (after !== undefined) this.emit(after);
    const catcher = findCatcher(state.Catch, error, reportedByTask);
    if (catcher === undefined) return FAILED;
    const errOut = errorOutput(error, cause);
    if (run.queryLanguage === 'JSONata') return this.catchJsonata(run, state, catcher, errOut);
    let output: Json;
    let assign: JsonObject | undefined;
    try {
      output = placeResult(this.frame.stateInput, errOut, catcher.ResultPath);
      assign = assignJsonPath(run, catcher.Assign, errOut);
    } catch (e) {
      this.thrown(e, state);
      return FAILED;
    }
    return this.caught(state, catcher, output, assign);
  }

  private async catchJsonata(run: StateRun, state: State, catcher: Catcher, errOut: JsonObject): Promise<Handled> {
    let output: Json;
    let assign: JsonObject | undefined;
    try {
      const states = jsonataStates(run, this.frame.stateInput, { errorOutput: errOut });
      output = catcher.Output !== undefined ? await evaluateJsonataValue(run, catcher.Output, states, 'Output') : errOut;
      assign = await assignJsonata(run, catcher.Assign, states);
    } catch (e) {
      this.thrown(e, state);
      return FAILED;
    }
    return this.caught(state, catcher, output, assign);
  }

  private caught(state: State, catcher: Catcher, output: Json, assign: JsonObject | undefined): Handled {
    const ended = this.exitState(state, output, assign);
    if (ended !== undefined) return { kind: 'blocked', blocked: ended };
    return { kind: 'caught', output, next: catcher.Next };
  }

  private abortOutcome(state: State, signal: { error?: string; cause?: string }): Outcome {
    const aborted: Partial<Record<State['Type'], HistoryEventType>> = {
      Task: 'TaskStateAborted',
      Wait: 'WaitStateAborted',
      Parallel: 'ParallelStateAborted',
      Map: 'MapStateAborted',
    };
    const type = aborted[state.Type];
    if (type !== undefined && this.frame.phase !== 'done') this.emit(type);
    this.frame.state = '';
    if (this.top()) this.emit('ExecutionAborted', errorDetails(signal.error, signal.cause));
    else if (this.frame.kind === 'iteration') this.emit('MapIterationAborted', { name: this.frame.parentState, index: this.frame.index });
    const blocked: Blocked = { kind: 'aborted', ...optional(signal.error, signal.cause) };
    return { kind: 'block', phase: 'done', pending: null, blocked };
  }

  private timeOutExecution(error: string, cause: string | undefined): Blocked {
    const why = cause ?? 'The execution timed out.';
    if (this.frame.phase === 'task') this.emit('TaskStateAborted');
    this.emit('ExecutionTimedOut', { error, cause: why });
    this.frame.state = '';
    return { kind: 'timedOut', error, cause: why };
  }

  /** The frame's machine reached an End (or a Succeed state). */
  endFrame(output: Json): Blocked {
    this.frame.state = '';
    this.frame.phase = 'done';
    if (this.top()) {
      const payload = this.values ? output : (this.carriedText ?? toJsonText(output));
      this.emit('ExecutionSucceeded', { output: payload, outputDetails: DETAILS });
    } else if (this.frame.kind === 'iteration') {
      this.emit('MapIterationSucceeded', { name: this.frame.parentState, index: this.frame.index });
    }
    return { kind: 'succeeded', output };
  }

  /** The frame failed (unhandled). */
  failFrame(error: string | undefined, cause: string | undefined): Blocked {
    this.frame.state = '';
    this.frame.phase = 'done';
    if (this.top()) this.emit('ExecutionFailed', errorDetails(error, cause));
    else if (this.frame.kind === 'iteration') this.emit('MapIterationFailed', { name: this.frame.parentState, index: this.frame.index });
    return { kind: 'failed', ...optional(error, cause) };
  }
}

function optional(error: string | undefined, cause: string | undefined): { error?: string; cause?: string } {
  const out: { error?: string; cause?: string } = {};
  if (error !== undefined) out.error = error;
  if (cause !== undefined) out.cause = cause;
  return out;
}

function errorDetails(error: string | undefined, cause: string | undefined): JsonObject {
  return optional(error, cause) as JsonObject;
}

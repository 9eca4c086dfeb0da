/**
 * The contract between the frame runner (step.ts) and the one-evaluator-per-state-type modules.
 * An evaluator turns a state plus its input into an Outcome (move on, block, or fail) and never
 * touches history numbering, Retry/Catch or the frame's position: the runner owns those.
 */
import type { Json, JsonObject } from '../json.js';
import type { Blocked, FramePhase, FrameState, Signal } from '../frame.js';
import type { State, QueryLanguage } from '../definition/types.js';
import type { HistoryEventType } from '../events/types.js';
import type { StepContext } from '../context.js';
import type { EvalEnv } from '../payload/sources.js';
import type { Program } from '../definition/compile.js';

/** What an evaluator sees of the running frame. */
export interface StateRun {
  readonly program: Program;
  readonly frame: FrameState;
  readonly stateName: string;
  readonly queryLanguage: QueryLanguage;
  readonly ctx: StepContext;
  readonly env: EvalEnv;
  /** Appends an event after the frame's last one. */
  emit(type: HistoryEventType, details?: JsonObject): number;
  /** An upper bound of the serialised size of the frame's stateInput, when this run knows one (payloads as values). */
  inputBound(): number | undefined;
  /** The context object `$$` / `$states.context` for this state, with optional extra members. */
  contextObject(extra?: JsonObject): JsonObject;
  /** `$name` lookup: this frame's variables, then the inherited ones. */
  variable(name: string): Json | undefined;
  /** All visible variables (inner shadows outer). */
  variables(): JsonObject;
  /**
   * Turns a thrown error into the state's failure as the runner would (AWS's cause prefix,
   * EvaluationFailed for States.QueryEvaluationError), with an event to append after it.
   */
  raise(e: unknown, after?: HistoryEventType): Outcome;
}

export type Outcome =
  /** The state is done: `next === null` ends the frame. `assign` is applied after the exit event. */
  | {
      readonly kind: 'next';
      readonly output: Json;
      readonly next: string | null;
      readonly assign?: JsonObject;
      /** An upper bound of the output's serialised size, when the evaluator derived one (io/payload-bounds.ts). */
      readonly bound?: number;
    }
  /** The frame waits for a signal. */
  | { readonly kind: 'block'; readonly blocked: Blocked; readonly phase: FramePhase; readonly pending: JsonObject | null }
  /**
   * The state failed with an error that Retry/Catch may handle (`handled: true`), or a Fail state
   * ended the frame (`handled: false`). `after` is an event to append once the failure is known
   * (MapStateFailed, ParallelStateFailed).
   */
  | {
      readonly kind: 'fail';
      readonly error?: string;
      readonly cause?: string;
      readonly handled: boolean;
      readonly after?: HistoryEventType;
      /** The error is a task's own failure report (States.ALL matches any name then). */
      readonly reportedByTask?: boolean;
    };

/**
 * Evaluators answer synchronously when they can (JSONPath states need no promise) and with a
 * promise when an expression is asynchronous (JSONata): the runner awaits only promises, which
 * keeps a Pass or Choice off the microtask queue.
 */
export interface StateEvaluator<S extends State = State> {
  /** Runs the state from its (effective) start; also re-runs it after a Retry back-off. */
  enter(run: StateRun, state: S): Outcome | Promise<Outcome>;
  /** Continues a blocked state. */
  resume(run: StateRun, state: S, signal: Signal): Outcome | Promise<Outcome>;
}

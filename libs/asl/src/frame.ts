/**
 * The data that crosses the step API (docs/adr/0002-pure-step-api.md): FrameState (stored by
 * the driver between steps, plain JSON), Signal (why a blocked frame moves again), Blocked (why
 * it stopped) and ChildSpawn (the children a Parallel or Map asks its driver to run).
 */
import type { Json, JsonObject } from './json.js';
import type { HistoryEvent } from './events/types.js';

export type TaskPattern = 'requestResponse' | 'sync' | 'sync2' | 'waitForTaskToken';

/** What a frame is waiting for, in the order of the state's lifecycle. */
export type FramePhase =
  | 'task' // a Task is scheduled (or started)
  | 'wait' // a Wait state's timer
  | 'retry' // a Retry back-off timer
  | 'children' // Parallel branches or Map iterations are running
  | 'done';

/** Everything a frame needs between steps. Plain JSON: the durable engine stores it as is. */
export interface FrameState {
  /** `root` for the execution, `<parent>/<index>` for a branch or an iteration. */
  readonly frameId: string;
  /** JSON pointer of the sub-machine this frame runs ('' for the top level). */
  readonly scope: string;
  /** Branch or item index; -1 for the root. */
  readonly index: number;
  /** 'root' | 'branch' | 'iteration'. */
  readonly kind: 'root' | 'branch' | 'iteration';
  /** The Map or Parallel state that spawned this frame (its name), '' for the root. */
  readonly parentState: string;
  /** false for Distributed Map children: their events belong to child executions. */
  readonly recordEvents: boolean;
  /** Current state ('' once the frame ended). */
  state: string;
  phase: FramePhase;
  /** The raw input the current state was entered with. */
  stateInput: Json;
  /** Event id of the current state's `<Type>StateEntered`. */
  enteredEventId: number;
  /** 1-based attempt of the current state (retries included). */
  attempt: number;
  /** Per-Retrier attempt counters of the current state. */
  retryCounts: number[];
  /** Id of the last event this frame appended (`previousEventId` of its next event). */
  lastEventId: number;
  /** Variables assigned in this frame's scope. */
  variables: JsonObject;
  /** Variables of the enclosing scopes, read-only here. */
  readonly inherited: JsonObject;
  /** State-specific data while blocked (task request, map plan, ...). */
  pending: JsonObject | null;
  /** When the current state was entered (epoch ms; `$$.State.EnteredTime`). */
  enteredAt: number;
}

/** Why a blocked frame moves again. */
export type Signal =
  | { readonly kind: 'taskStarted'; readonly workerName?: string }
  | { readonly kind: 'taskSubmitted'; readonly output?: Json }
  | { readonly kind: 'taskSucceeded'; readonly output: Json }
  | { readonly kind: 'taskFailed'; readonly error?: string; readonly cause?: string }
  | { readonly kind: 'timerFired' }
  | { readonly kind: 'childrenSucceeded'; readonly results: Json[] }
  | { readonly kind: 'childrenFailed'; readonly error?: string; readonly cause?: string }
  /**
   * A timeout. `target: 'execution'` (the default when the frame is not waiting on a task) ends
   * the execution with ExecutionTimedOut; `target: 'task'` fails the running task.
   */
  | {
      readonly kind: 'timedOut';
      readonly error: 'States.Timeout' | 'States.HeartbeatTimeout';
      readonly target?: 'task' | 'execution';
      readonly cause?: string;
    }
  /** StopExecution, or a sibling failed: the frame is aborted. */
  | { readonly kind: 'aborted'; readonly error?: string; readonly cause?: string };

/** The children a Parallel or Map asks its driver to run. */
export interface ChildSpawn {
  /** The parent's frame id; children are `<parentFrameId>/<index>`. */
  readonly parentFrameId: string;
  /** The Parallel/Map state's name. */
  readonly stateName: string;
  readonly kind: 'branch' | 'iteration';
  /** One input per child. */
  readonly inputs: Json[];
  /** The sub-machine pointer per child (branches differ; iterations share one). */
  readonly scopes: string[];
  /** Variables visible to the children (read-only there). */
  readonly variables: JsonObject;
  /** Id of the parent's ParallelStateStarted / MapStateStarted (or MapRunStarted) event. */
  readonly parentEventId: number;
  /** false for Distributed Map: children write no events into this history. */
  readonly recordEvents: boolean;
}

export type Blocked =
  | {
      readonly kind: 'task';
      readonly resource: string;
      readonly input: Json;
      readonly pattern: TaskPattern;
      readonly timeoutSeconds?: number;
      readonly heartbeatSeconds?: number;
      readonly credentials?: Json;
      readonly taskToken?: string;
      readonly stateName: string;
      readonly attempt: number;
    }
  | { readonly kind: 'timer'; readonly until: number; readonly reason: 'wait' | 'retry' }
  | { readonly kind: 'parallel'; readonly spawn: ChildSpawn }
  | {
      readonly kind: 'map';
      readonly spawn: ChildSpawn;
      /** 0 = unlimited. */
      readonly maxConcurrency: number;
      readonly toleratedFailureCount?: number;
      readonly toleratedFailurePercentage?: number;
      readonly mode: 'INLINE' | 'DISTRIBUTED';
      readonly label?: string;
    }
  | { readonly kind: 'succeeded'; readonly output: Json }
  /** A Fail state may give neither Error nor Cause: then they are absent here too. */
  | { readonly kind: 'failed'; readonly error?: string; readonly cause?: string }
  /** The execution timed out or was aborted (root frames only). */
  | { readonly kind: 'timedOut'; readonly error: string; readonly cause: string }
  | { readonly kind: 'aborted'; readonly error?: string; readonly cause?: string };

export interface StepResult {
  readonly frame: FrameState;
  readonly events: HistoryEvent[];
  readonly blocked: Blocked;
}

/**
 * The options and result of runInMemory, and the task-handler shapes users (and the local
 * testing layer's mock configurations) plug in.
 */
import type { Json, JsonObject } from '../json.js';
import type { HistoryEvent } from '../events/types.js';
import type { HistoryObserver } from '../events/observer.js';
import type { ExecutionIdentity, Limits } from '../context.js';
import type { TaskPattern } from '../frame.js';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** What a handler learns about the call besides its input. */
export interface TaskHandlerInfo {
  readonly stateName: string;
  readonly resource: string;
  /** 1-based; retries count up. */
  readonly attempt: number;
  readonly pattern: TaskPattern;
  readonly taskToken?: string;
  readonly timeoutSeconds?: number;
  readonly heartbeatSeconds?: number;
  readonly credentials?: Json;
  /** The execution's identity (`$$.Execution` / `$$.StateMachine` values). */
  readonly context: JsonObject;
}

/** A resource handler: returns the task's result, or throws to fail it. */
export type TaskHandler = (input: Json, info: TaskHandlerInfo) => Promise<Json> | Json;

export interface TaskRequest extends TaskHandlerInfo {
  readonly input: Json;
}

/** What a general taskHandler decides for one attempt. */
export type TaskOutcome =
  | { readonly kind: 'succeeded'; readonly output: Json; readonly submitted?: Json }
  | { readonly kind: 'failed'; readonly error?: string; readonly cause?: string }
  | { readonly kind: 'timedOut'; readonly error?: 'States.Timeout' | 'States.HeartbeatTimeout'; readonly cause?: string };

export interface RunOptions {
  /**
   * Resource → handler. Keys are exact resources, patterns with `*` wildcards, or `/regex/`;
   * an array of [string | RegExp, handler] pairs is accepted too. First match wins.
   */
  readonly handlers?: Readonly<Record<string, TaskHandler>> | ReadonlyArray<readonly [string | RegExp, TaskHandler]>;
  /** Consulted before `handlers`; `undefined` falls through to them. */
  readonly taskHandler?: (request: TaskRequest) => Promise<TaskOutcome | undefined> | TaskOutcome | undefined;
  /** 'virtual' (default): waits, back-offs and timeouts advance a virtual clock instantly. */
  readonly clock?: 'virtual' | 'real';
  /** Start of the execution (epoch ms, ISO text or Date); default: the real time at the call. */
  readonly startTime?: number | string | Date;
  /** Random source in [0, 1); or a `seed` for a deterministic one. */
  readonly random?: () => number;
  readonly seed?: number;
  readonly executionName?: string;
  readonly stateMachineName?: string;
  readonly roleArn?: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly limits?: Partial<Limits>;
  /** Upper bound on steps (guards against endless loops); default 1,000,000. */
  readonly maxSteps?: number;
  /** Overrides of the execution identity seen by `$$`. */
  readonly context?: Partial<ExecutionIdentity>;
  /**
   * 'full' (default): `events` is AWS's history, payloads as JSON text. 'values': the same
   * events, ids and details, but every payload (state inputs and outputs, task parameters and
   * results, the execution's input and output) is the JSON value itself, never serialised: for
   * callers that read states and errors but no text (the test runner). Values in events are
   * shared with the run and immutable by convention: do not mutate them, nor a value a handler
   * returned (the payload limit is checked from size bounds carried from state to state).
   */
  readonly history?: 'full' | 'values';
  /**
   * Set: the run builds no history (`events` is empty); every event is reported to the observer
   * instead, in history order, with the ids, types and payloads (as values) the history would
   * have. For callers that read what states did, not the events (the test runner): most of a
   * run's allocations are its events. Parallel branches record their events (they are merged
   * and numbered at the join, ADR 0003) and report them at the join.
   */
  readonly observer?: HistoryObserver;
}

export interface RunResult {
  readonly status: ExecutionStatus;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  readonly events: HistoryEvent[];
}

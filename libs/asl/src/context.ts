/**
 * StepContext: everything impure a step may know about the world (clock, randomness, ids, the
 * execution's identity for `$$`, limits). The drivers (runInMemory, the durable engine) build
 * one per call; the interpreter reads nothing else, which keeps every step replayable.
 */
import type { Json } from './json.js';
import type { HistoryObserver } from './events/observer.js';

/** The execution's identity as `$$.Execution` and `$$.StateMachine` show it. */
export interface ExecutionIdentity {
  /** Execution ARN (`$$.Execution.Id`). */
  readonly id: string;
  readonly name: string;
  /** ISO-8601 start time (`$$.Execution.StartTime`). */
  readonly startTime: string;
  readonly roleArn: string;
  readonly redriveCount?: number;
  /** State machine ARN (`$$.StateMachine.Id`). */
  readonly stateMachineId: string;
  readonly stateMachineName: string;
  /** The execution input (`$$.Execution.Input`). */
  readonly input?: Json;
  /** AWS region written into TaskScheduled events. */
  readonly region?: string;
}

/** Payload and history limits; AWS's values are the defaults. */
export interface Limits {
  /** Largest state input/output, task result or execution input, in UTF-8 bytes (AWS: 262144). */
  readonly payloadBytes: number;
  /** Largest history, in events (AWS: 25000). */
  readonly historyEvents: number;
}

export const AWS_LIMITS: Limits = { payloadBytes: 262_144, historyEvents: 25_000 };

/** What every call of the step API receives. Frozen for the duration of one step. */
export interface StepContext {
  /** Epoch milliseconds: the only clock the interpreter sees. */
  readonly now: number;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** RFC 4122 v4 text. */
  readonly uuid: () => string;
  /** An unguessable single-use task token. */
  readonly newTaskToken: () => string;
  /** The id the first event appended by this step gets; the next ones follow contiguously. */
  readonly nextEventId: number;
  readonly execution: ExecutionIdentity;
  readonly limits?: Limits;
  /**
   * How payloads (state inputs and outputs, task parameters and results) appear in the events:
   * 'text' (the default, AWS's history) as compact JSON text; 'values' as the JSON values
   * themselves, never serialised (runInMemory's `history: 'values'`, for callers such as the
   * test runner that read states and errors but no text). Payload limits hold either way.
   */
  readonly payloads?: 'text' | 'values';
  /**
   * Set: the step builds no events (StepResult.events is empty) and reports each one to the
   * observer instead, ids and payloads as values, in order (runInMemory's `observer`). The
   * durable engine never sets it: its history is what it stores.
   */
  readonly observer?: HistoryObserver | undefined;
  /**
   * true: the caller hands the frame it resumes over (it never reads that object again), so the
   * step changes it in place instead of working on a copy (the in-memory driver). The durable
   * engine leaves it unset: it re-runs a step from the frame it stored after a lost commit.
   */
  readonly frameInPlace?: boolean | undefined;
  /**
   * With payloads as values: where steps leave the size bound of the last value they measured
   * or derived (io/payload-bounds.ts), so the next state's checks start from its input's bound
   * instead of walking. One per run, written by its steps (one at a time); a value that is not
   * the one recorded is simply measured.
   */
  readonly payloadBounds?: PayloadBound | undefined;
  /**
   * Set by the durable engine for a frame that runs inside a Distributed Map child workflow
   * execution: the frame's events are recorded (they go to that child execution's own history,
   * numbered from `nextEventId` there). `top`: the frame is the child execution itself, so its
   * start writes ExecutionStarted (or, with `redriveCount`, ExecutionRedriven after the events
   * already there) and its end ExecutionSucceeded/Failed/Aborted instead of MapIteration* events.
   */
  readonly childExecution?: { readonly top: boolean; readonly redriveCount?: number } | undefined;
}

/** The bound of one payload value (`value` compared by identity: values are never mutated). */
export interface PayloadBound {
  value: Json | undefined;
  bound: number;
}

/** Whether a step's events carry payloads as values (asked for, or observed: observers get values). */
export function payloadsAsValues(ctx: StepContext): boolean {
  return ctx.payloads === 'values' || ctx.observer !== undefined;
}

/**
 * What one run of a state machine showed, in the terms expectations and coverage speak: the
 * final status and result, the states entered in order, each state's inputs, every task attempt
 * with the parameters it received, and the transitions taken (with the error that caused them).
 */
import type { Json } from '@stepwise/asl';

export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface TaskCall {
  readonly stateName: string;
  readonly resource: string;
  /** 0-based attempt within one entry of the state (retries count up). */
  readonly attempt: number;
  /** The effective parameters the task received (after Parameters/Arguments). */
  readonly input: Json;
  readonly mocked: boolean;
  readonly outcome: { readonly ok: true; readonly output: Json } | { readonly ok: false; readonly error: string; readonly cause: string };
}

/** A move from one state to the next; `error` is set when a Catch caused it. */
export interface Transition {
  readonly from: string;
  readonly to: string;
  readonly error?: string;
  /** The JSON text of the `from` state's entry input (lets coverage tell which Choice rule matched). */
  readonly inputText?: string;
  /** The same input as a value, when the history recorded values rather than text (runs in memory). */
  readonly input?: Json;
}

/** A failed attempt followed by another attempt of the same state (a Retry). */
export interface RetryTaken {
  readonly state: string;
  readonly error: string;
}

export interface RunObservation {
  readonly status: ExecutionStatus;
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** State names in the order they were entered (all frames, history order). */
  readonly entered: readonly string[];
  /** Raw input of each entry, per state. */
  readonly stateInputs: ReadonlyMap<string, readonly Json[]>;
  readonly taskCalls: readonly TaskCall[];
  readonly transitions: readonly Transition[];
  readonly retries: readonly RetryTaken[];
  /** Failures that ended a state without a Catch (the state, its error). */
  readonly uncaught: readonly { readonly state: string; readonly error: string }[];
  readonly durationMs: number;
}

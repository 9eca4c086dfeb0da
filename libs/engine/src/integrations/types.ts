/**
 * What every integration receives and returns. A dispatch is at-least-once: the idempotency key
 * (execution, state entry, attempt) is the same on every redelivery so integrations deduplicate.
 */
import type { Json, TaskPattern } from '@stepwise/asl';

export interface TaskRequest {
  readonly resource: string;
  readonly input: Json;
  readonly pattern: TaskPattern;
  readonly taskToken?: string;
  readonly stateName: string;
  readonly attempt: number;
  readonly executionArn: string;
  /** `<executionId>/<frame>/<entered event id>/<attempt>`: stable across redeliveries. */
  readonly idempotencyKey: string;
  /** The state's TimeoutSeconds in real (scaled) milliseconds, when set. */
  readonly timeoutMs?: number;
  /** Local testing: the MockConfigFile test case the execution was started with (`<arn>#<TestCase>`). */
  readonly mockTestCase?: string;
  readonly stateMachineName?: string;
  /** Where the result goes (nested executions answer their parent through it). */
  /** The wait the answer goes to; `generation`: its task job's `g` (queues/names.ts), when known. */
  readonly target: { readonly executionId: string; readonly frameId: string; readonly waitId: string; readonly generation?: string };
}

export type TaskOutcome =
  | { readonly kind: 'succeeded'; readonly output: Json }
  /** `submitted`: the call was accepted and the work failed after (a `.sync` job that failed): TaskSubmitted first. */
  | { readonly kind: 'failed'; readonly error: string; readonly cause: string; readonly submitted?: true }
  /** Handed off (`.sync`, `.waitForTaskToken`); the result arrives later. TaskSubmitted's output: `output`, or {}. */
  | { readonly kind: 'submitted'; readonly output?: Json }
  /** Handed off with no response to show: as `submitted` without output. */
  | { readonly kind: 'dispatched' };

export type Integration = (req: TaskRequest) => Promise<TaskOutcome>;

/** An in-process task handler registered in code; throw StatesError to fail the task. */
export type TaskHandler = (input: Json, info: { readonly resource: string; readonly idempotencyKey: string; readonly taskToken?: string; readonly executionArn: string; readonly stateName: string; readonly attempt: number }) => Promise<Json>;

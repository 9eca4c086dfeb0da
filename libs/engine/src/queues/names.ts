/**
 * Queue names and job data, in one place. Job ids are deterministic (`<executionId>|<frame>|...`,
 * never ':' which BullMQ reserves), so relaying an outbox entry twice adds one job while it exists;
 * the version/stamp inside the data drops it after.
 */
import type { Keys } from '../keys.js';

export const QUEUES = {
  /** Run a frame's next step (the worker's main queue; KEDA scales workers on its wait list). */
  advance: 'advance',
  /** Dispatch a task to its integration (HTTP, Lambda, handlers, BullMQ, nested executions). */
  task: 'task',
  /** Run an asynchronously started EXPRESS execution from its start (at-least-once). */
  express: 'express',
} as const;

export interface AdvanceJobData {
  /** Execution id. */
  readonly e: string;
  /** Frame id. */
  readonly f: string;
  /** The frame version the job was made for. */
  readonly v: number;
}

export interface TaskJobData {
  readonly e: string;
  readonly f: string;
  /** The wait id (frame version at block time) the dispatch was made for. */
  readonly w: string;
  /**
   * When the dispatch was planned: part of the job id only. A Distributed Map item redriven from
   * its start waits again at the same versions; without it, its task job would share an id with
   * the first run's (still active, or kept as failed) and BullMQ would not add it.
   */
  readonly g?: number;
}

/**
 * An asynchronous EXPRESS start: the whole request travels in the job, since nothing else is
 * written for it (no meta, no history), so the job alone is the durable record of the start.
 */
export interface ExpressJobData {
  readonly executionArn: string;
  readonly startDate: number;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly name: string;
  readonly definition: string;
  readonly input: string;
  readonly roleArn?: string;
  readonly stateMachineVersionArn?: string;
  readonly stateMachineAliasArn?: string;
  readonly traceHeader?: string;
  readonly mockTestCase?: string;
}

export const jobIds = {
  advance: (d: AdvanceJobData) => `${d.e}|${d.f}|${d.v}`,
  task: (d: TaskJobData) => (d.g !== undefined ? `${d.e}|${d.f}|${d.w}|${d.g}|task` : `${d.e}|${d.f}|${d.w}|task`),
  // Resource names never hold '|' or ':', so machine and execution name identify the start.
  /** `start`: the start call's own id; a command re-sent after a reconnect adds nothing, a new start with the same name is a new run (AWS does not dedupe Express names). */
  express: (d: Pick<ExpressJobData, 'stateMachineName' | 'name'>, start: string) => `${d.stateMachineName}|${d.name}|${start}|express`,
};

/** BullMQ's Redis key of the advance queue's wait list (KEDA's redis list trigger reads it). */
export function advanceWaitListKey(keys: Keys): string {
  return `${keys.bullPrefix()}:${QUEUES.advance}:wait`;
}

/** The same for the express queue (asynchronous EXPRESS runs): KEDA's second trigger. */
export function expressWaitListKey(keys: Keys): string {
  return `${keys.bullPrefix()}:${QUEUES.express}:wait`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Validates job data on receipt (a job written by another version of the code is refused). */
export function parseAdvanceJob(d: unknown): AdvanceJobData | undefined {
  if (!isRecord(d) || typeof d.e !== 'string' || typeof d.f !== 'string' || typeof d.v !== 'number') return undefined;
  return { e: d.e, f: d.f, v: d.v };
}
export function parseTaskJob(d: unknown): TaskJobData | undefined {
  if (!isRecord(d) || typeof d.e !== 'string' || typeof d.f !== 'string' || typeof d.w !== 'string') return undefined;
  return { e: d.e, f: d.f, w: d.w, ...(typeof d.g === 'number' ? { g: d.g } : {}) };
}

const EXPRESS_OPTIONAL = ['roleArn', 'stateMachineVersionArn', 'stateMachineAliasArn', 'traceHeader', 'mockTestCase'] as const;

export function parseExpressJob(d: unknown): ExpressJobData | undefined {
  if (!isRecord(d)) return undefined;
  const { executionArn, startDate, stateMachineArn, stateMachineName, name, definition, input } = d;
  if (typeof executionArn !== 'string' || typeof startDate !== 'number' || typeof stateMachineArn !== 'string' || typeof stateMachineName !== 'string'
    || typeof name !== 'string' || typeof definition !== 'string' || typeof input !== 'string') return undefined;
  const out: Record<string, string | number> = { executionArn, startDate, stateMachineArn, stateMachineName, name, definition, input };
  for (const k of EXPRESS_OPTIONAL) {
    const v = d[k];
    if (typeof v === 'string') out[k] = v;
    else if (v !== undefined) return undefined;
  }
  return out as unknown as ExpressJobData;
}

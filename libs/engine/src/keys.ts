/**
 * The only place that builds Redis key strings. Every key of one execution carries the hash tag
 * `{<executionId>}`, so each Lua script touches one slot and the store can move to Redis Cluster
 * (docs/adr/0006-redis-data-model-and-hash-tags.md). A configurable prefix (STEPWISE_KEY_PREFIX) namespaces
 * everything, so several deployments, and every test, can share one Redis server.
 */

/** `<stateMachineName>.<executionName>`: '.' cannot occur in either name, so the id is unambiguous. */
export type ExecutionId = string;
/**
 * `root`, or `<parentFrameId>/<generation>.<index>` for a Parallel branch or Map iteration. The
 * generation is the parent's version when it fanned out, so a second Parallel or Map on the same
 * frame (or a Map re-entered by Retry or a loop) never reuses the first one's frames or job ids.
 */
export type FrameId = string;

export function childFrameId(parent: FrameId, generation: string | number, index: number): FrameId {
  return `${parent}/${generation}.${index}`;
}

export function parseChildFrameId(frame: FrameId): { readonly parent: FrameId; readonly index: number } {
  const slash = frame.lastIndexOf('/');
  const last = frame.slice(slash + 1);
  return { parent: frame.slice(0, slash), index: Number(last.slice(last.indexOf('.') + 1)) };
}

export interface Keys {
  readonly prefix: string;
  /** Hash: status, event counter, identity, input/output, definition. */
  meta(id: ExecutionId): string;
  /** List of history events (JSON text); event id = position + 1. */
  history(id: ExecutionId): string;
  /** Hash: outbox entry id → entry JSON, written in the same commit as the state change. */
  outbox(id: ExecutionId): string;
  /** Hash per frame: v (version), state (FrameState JSON), wait fields, join fields. */
  frame(id: ExecutionId, frame: FrameId): string;
  /** List of signals (JSON) waiting for the frame's next step. */
  signals(id: ExecutionId, frame: FrameId): string;
  /** Hash: child index → result JSON of a Parallel/Map join (never one big value). */
  joinResults(id: ExecutionId, frame: FrameId): string;
  /**
   * Hash: the join results (and item inputs) of the frame's last fan-out that did not succeed,
   * kept for a redrive (the frame's `rj` field holds its counters and blocked state).
   */
  savedJoin(id: ExecutionId, frame: FrameId): string;
  /**
   * List of the events of a Distributed Map child workflow execution (the item frame `frame` and
   * the frames nested in it), ids 1..n: its GetExecutionHistory, and its input and output for
   * DescribeExecution. Kept as long as the execution's other keys, through joins and redrives.
   */
  childHistory(id: ExecutionId, frame: FrameId): string;
  /** Set of frame ids of the execution (stop and cleanup walk it). */
  frames(id: ExecutionId): string;
  /** Hash: task token → open | done | timedout (single use). */
  tokens(id: ExecutionId): string;
  /** Hash: task token → WaitingTask JSON (listWaitingTasks). */
  taskInfo(id: ExecutionId): string;
  /** Hash: timer member → due (ms), the execution's own timers (fireTimerNow, stop). */
  execTimers(id: ExecutionId): string;
  /** Set of nested child execution ARNs (stopped with the parent). */
  children(id: ExecutionId): string;
  /** Hash: map run ARN → record JSON, and `<arn>|final` → counts when it closed (Distributed Map). */
  mapRunsOf(id: ExecutionId): string;
  /** Hash: item index → its child execution's record (ListExecutions by mapRunArn). */
  mapRunItems(id: ExecutionId, mapRunArn: string): string;

  // Global keys (outside any execution slot): written only by idempotent relays and markers.
  /** Sorted set of timers: member `<executionId>|<frame>|<stamp>|<kind>`, score = due ms. */
  timers(): string;
  /** Sorted set of executions whose outbox may hold unrelayed entries (marked before commit). */
  dirty(): string;
  /** Sorted set of all execution ARNs by start time. */
  executions(): string;
  /** Sorted set of the executions of one state machine by start time. */
  executionsOf(stateMachineArn: string): string;
  /** List of task tokens waiting for GetActivityTask on one activity. */
  activityQueue(activityArn: string): string;
  /** Sorted set of open waiting task tokens by time (listWaitingTasks). */
  waitingTasks(): string;
  /** The scheduler's leader lease. */
  schedulerLease(): string;
  /** A definition text by its SHA-1 (executions store the hash; programs are cached by it). */
  definition(hash: string): string;
  /**
   * Hash: map run id (the last part of its ARN) → map run ARN, written by the relay of the commit
   * that opened the run: finds the execution of a child workflow execution ARN
   * (`execution:<stateMachine>/<label>:<runId>-<index>` names neither the execution nor the run).
   */
  mapRuns(): string;
  /** The BullMQ prefix: queue keys are `<bullPrefix>:<queue>:...`. */
  bullPrefix(): string;
}

export function createKeys(prefix: string): Keys {
  const x = (id: ExecutionId, part: string) => `${prefix}:{${id}}:${part}`;
  return {
    prefix,
    meta: (id) => x(id, 'meta'),
    history: (id) => x(id, 'history'),
    outbox: (id) => x(id, 'outbox'),
    frame: (id, f) => x(id, `f:${f}`),
    signals: (id, f) => x(id, `sig:${f}`),
    joinResults: (id, f) => x(id, `jr:${f}`),
    // the scripts derive it from the join-results base: keep the two in step
    savedJoin: (id, f) => x(id, `jr:${f}|rj`),
    // derived by the scripts from the join-results base too (commit-step, stop-execution)
    childHistory: (id, f) => x(id, `jr:${f}|ch`),
    frames: (id) => x(id, 'frames'),
    tokens: (id) => x(id, 'tokens'),
    taskInfo: (id) => x(id, 'taskinfo'),
    execTimers: (id) => x(id, 'timers'),
    children: (id) => x(id, 'children'),
    mapRunsOf: (id) => x(id, 'mapruns'),
    // the scripts derive it from the map runs key (map-run-items.lua): keep the two in step
    mapRunItems: (id, arn) => `${x(id, 'mapruns')}:${arn}`,
    timers: () => `${prefix}:timers`,
    dirty: () => `${prefix}:dirty`,
    executions: () => `${prefix}:executions`,
    executionsOf: (arn) => `${prefix}:executions:${arn}`,
    activityQueue: (arn) => `${prefix}:activity:${arn}`,
    waitingTasks: () => `${prefix}:waiting`,
    schedulerLease: () => `${prefix}:scheduler:leader`,
    mapRuns: () => `${prefix}:mapruns`,
    definition: (hash) => `${prefix}:def:${hash}`,
    bullPrefix: () => `${prefix}:q`,
  };
}

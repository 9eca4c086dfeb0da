/**
 * Reads an execution's history (GetExecutionHistory events, AWS's names) into what the console
 * shows: each event's owning state (found by following `previousEventId` back to a
 * `*StateEntered`, as AWS chains them), each state's status, attempts, timing, input, output,
 * variables, error and cause, and each Map's iteration counts. One linear pass: 25,000 events
 * take milliseconds.
 */
import { isRecord, str, type JsonRecord } from '../util/json.js';
import type { StateStatus } from '../graph/status.js';

export interface HistoryEventLike {
  readonly id: number;
  readonly previousEventId?: number;
  readonly timestamp: string | number;
  readonly type: string;
  readonly [k: string]: unknown;
}

export interface StateEntry {
  readonly enteredEventId: number;
  readonly enteredAt: number;
  exitedAt?: number;
  input?: string;
  output?: string;
  assignedVariables?: JsonRecord;
  error?: string;
  cause?: string;
  /** Map iteration index this entry ran in, when inside a Map. */
  readonly iteration?: number;
  status: StateStatus;
}

export interface StateInfo {
  readonly name: string;
  status: StateStatus;
  attempts: number;
  readonly entries: StateEntry[];
}

export interface MapInfo {
  readonly name: string;
  started: number;
  succeeded: number;
  failed: number;
  aborted: number;
  /** Iteration index → status. */
  readonly iterations: Map<number, 'running' | 'succeeded' | 'failed' | 'aborted'>;
}

export interface EventRow {
  readonly event: HistoryEventLike;
  readonly at: number;
  /** Name of the state the event belongs to ('' for execution-level events). */
  readonly state: string;
  /** `<map state>#<index>` of the Map iteration the event ran in, if any. */
  readonly iteration?: string;
}

export interface ExecutionModel {
  readonly rows: readonly EventRow[];
  readonly states: ReadonlyMap<string, StateInfo>;
  readonly maps: ReadonlyMap<string, MapInfo>;
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly outcome?: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';
}

export function toMillis(t: string | number): number {
  if (typeof t === 'number') return t < 1e11 ? t * 1000 : t;
  const n = Date.parse(t);
  return Number.isNaN(n) ? 0 : n;
}

/** The `...EventDetails` object of an event, whatever its type. */
export function eventDetails(e: HistoryEventLike): JsonRecord | undefined {
  for (const [k, v] of Object.entries(e)) if (k.endsWith('EventDetails') && isRecord(v)) return v;
  return undefined;
}

const FAILURE = /^(Task|Activity|LambdaFunction)(Failed|TimedOut|StartFailed|SubmitFailed|ScheduleFailed)$|^(Parallel|Map)StateFailed$|^EvaluationFailed$/;
const WAITING = /^(ActivityScheduled|TaskSubmitted)$/;
const ABORTED = /^(Task|Wait|Parallel|Map)StateAborted$/;

export function buildExecutionModel(events: readonly HistoryEventLike[]): ExecutionModel {
  const owner = new Map<number, string>();
  const iterationOf = new Map<number, string>();
  const states = new Map<string, StateInfo>();
  const maps = new Map<string, MapInfo>();
  const rows: EventRow[] = [];
  const open: string[] = [];
  let startedAt: number | undefined;
  let endedAt: number | undefined;
  let outcome: ExecutionModel['outcome'];
  const current = new Map<string, StateEntry>();
  const failedAt = new Map<number, string>();

  const info = (name: string): StateInfo => {
    let s = states.get(name);
    if (!s) {
      s = { name, status: 'notReached', attempts: 0, entries: [] };
      states.set(name, s);
    }
    return s;
  };
  const set = (name: string, status: StateStatus): void => {
    const s = info(name);
    s.status = status;
    const entry = current.get(name);
    if (entry) entry.status = status;
  };

  for (const e of events) {
    const at = toMillis(e.timestamp);
    const d = eventDetails(e);
    const prev = e.previousEventId ?? 0;
    let state = '';
    let iteration = prev ? iterationOf.get(prev) : undefined;
    if (e.type.startsWith('Execution')) {
      state = '';
    } else if (e.type.endsWith('StateEntered')) {
      state = str(d?.['name']) ?? '';
    } else if (e.type.endsWith('StateExited')) {
      state = str(d?.['name']) ?? (prev ? owner.get(prev) ?? '' : '');
    } else if (prev && owner.has(prev)) {
      state = owner.get(prev) ?? '';
    } else {
      state = open[open.length - 1] ?? '';
    }
    if (e.type === 'MapIterationStarted' && d) iteration = `${iteration ? `${iteration}/` : ''}${str(d['name']) ?? state}#${String(d['index'])}`;
    owner.set(e.id, state);
    if (iteration !== undefined) iterationOf.set(e.id, iteration);
    rows.push({ event: e, at, state, ...(iteration !== undefined ? { iteration } : {}) });

    if (e.type === 'ExecutionStarted') startedAt = at;
    else if (e.type === 'ExecutionSucceeded') [endedAt, outcome] = [at, 'SUCCEEDED'];
    else if (e.type === 'ExecutionFailed') [endedAt, outcome] = [at, 'FAILED'];
    else if (e.type === 'ExecutionAborted') [endedAt, outcome] = [at, 'ABORTED'];
    else if (e.type === 'ExecutionTimedOut') [endedAt, outcome] = [at, 'TIMED_OUT'];
    else if (e.type === 'ExecutionRedriven') [endedAt, outcome] = [undefined, undefined];

    if (e.type.endsWith('StateEntered') && state) {
      // A state entered straight after another state's failure means that failure was caught.
      const failed = prev ? failedAt.get(prev) : undefined;
      if (failed && failed !== state && info(failed).status === 'failed') set(failed, 'caught');
      const s = info(state);
      const iterIndex = iteration ? Number(iteration.slice(iteration.lastIndexOf('#') + 1)) : undefined;
      const entry: StateEntry = {
        enteredEventId: e.id,
        enteredAt: at,
        status: 'running',
        ...(typeof d?.['input'] === 'string' ? { input: d['input'] } : {}),
        ...(iterIndex !== undefined && Number.isFinite(iterIndex) ? { iteration: iterIndex } : {}),
      };
      s.entries.push(entry);
      s.attempts = Math.max(s.attempts, 1);
      current.set(state, entry);
      open.push(state);
      set(state, e.type === 'WaitStateEntered' ? 'waiting' : e.type === 'FailStateEntered' ? 'failed' : 'running');
      if (e.type === 'FailStateEntered') {
        const entryNow = current.get(state);
        // A Fail state ends where it starts: it has no exit event.
        if (entryNow) entryNow.exitedAt = at;
        if (entryNow && d) {
          const err = str(d['error']);
          const cause = str(d['cause']);
          if (err !== undefined) entryNow.error = err;
          if (cause !== undefined) entryNow.cause = cause;
        }
      }
      continue;
    }
    if (!state) {
      const endOpen = (to: StateStatus): void => {
        for (const s of states.values()) {
          if (s.status !== 'running' && s.status !== 'waiting' && s.status !== 'retried') continue;
          const open = current.get(s.name);
          if (open && open.exitedAt === undefined) open.exitedAt = at;
          set(s.name, to);
        }
      };
      if (e.type === 'ExecutionAborted' || e.type === 'ExecutionTimedOut') endOpen('cancelled');
      if (e.type === 'ExecutionFailed') endOpen('failed');
      continue;
    }
    const s = info(state);
    const entry = current.get(state);
    if (e.type.endsWith('StateExited')) {
      if (entry) {
        entry.exitedAt = at;
        const out = str(d?.['output']);
        if (out !== undefined) entry.output = out;
        if (isRecord(d?.['assignedVariables'])) entry.assignedVariables = d['assignedVariables'];
      }
      const wasFailed = s.status === 'failed';
      const idx = open.lastIndexOf(state);
      if (idx >= 0) open.splice(idx, 1);
      set(state, wasFailed ? 'caught' : s.attempts > 1 ? 'retried' : 'succeeded');
    } else if (FAILURE.test(e.type)) {
      if (entry && d) {
        const err = str(d['error']);
        const cause = str(d['cause']);
        if (err !== undefined) entry.error = err;
        if (cause !== undefined) entry.cause = cause;
      }
      failedAt.set(e.id, state);
      // Ends here unless a retry or a StateExited follows.
      if (entry) entry.exitedAt = at;
      set(state, 'failed');
    } else if (ABORTED.test(e.type)) {
      if (entry) entry.exitedAt = at;
      set(state, 'cancelled');
    } else if (e.type === 'TaskScheduled' || e.type === 'ActivityScheduled' || e.type === 'LambdaFunctionScheduled') {
      if (s.status === 'failed') {
        s.attempts += 1;
        if (entry) delete entry.exitedAt;
        set(state, 'retried');
      }
      const resource = str(d?.['resource']) ?? '';
      if (resource.includes('waitForTaskToken') || e.type === 'ActivityScheduled') set(state, 'waiting');
    } else if (WAITING.test(e.type)) {
      set(state, 'waiting');
    } else if (/^(Task|Activity|LambdaFunction)(Started|Succeeded)$/.test(e.type) || e.type === 'MapStateStarted' || e.type === 'ParallelStateStarted') {
      if (s.status === 'waiting' || s.status === 'retried') set(state, 'running');
    }
    if (e.type.startsWith('MapIteration') && d) {
      const mapName = str(d['name']) ?? state;
      let m = maps.get(mapName);
      if (!m) {
        m = { name: mapName, started: 0, succeeded: 0, failed: 0, aborted: 0, iterations: new Map() };
        maps.set(mapName, m);
      }
      const index = typeof d['index'] === 'number' ? d['index'] : -1;
      if (e.type === 'MapIterationStarted') {
        m.started++;
        m.iterations.set(index, 'running');
      } else if (e.type === 'MapIterationSucceeded') {
        m.succeeded++;
        m.iterations.set(index, 'succeeded');
      } else if (e.type === 'MapIterationFailed') {
        m.failed++;
        m.iterations.set(index, 'failed');
      } else if (e.type === 'MapIterationAborted') {
        m.aborted++;
        m.iterations.set(index, 'aborted');
      }
    }
  }
  return { rows, states, maps, ...(startedAt !== undefined ? { startedAt } : {}), ...(endedAt !== undefined ? { endedAt } : {}), ...(outcome ? { outcome } : {}) };
}

/** The events of one Map iteration (and everything nested in it), to draw that iteration alone. */
export function iterationEvents(model: ExecutionModel, mapName: string, index: number): HistoryEventLike[] {
  const key = `${mapName}#${index}`;
  return model.rows.filter((r) => r.iteration?.split('/').includes(key)).map((r) => r.event);
}

/** State statuses keyed by the graph's node ids (state name → JSON pointer). */
export function statusesByNode(model: ExecutionModel, nodeIdsByName: ReadonlyMap<string, string>): Map<string, StateStatus> {
  const out = new Map<string, StateStatus>();
  for (const s of model.states.values()) {
    const id = nodeIdsByName.get(s.name);
    if (id) out.set(id, s.status);
  }
  return out;
}

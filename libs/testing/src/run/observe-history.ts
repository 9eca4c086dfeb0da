/**
 * Reads an AWS-shaped execution history (GetExecutionHistory's event types and detail fields)
 * into the parts of a RunObservation that only history knows: states entered in order, each
 * entry's input, transitions (and the error a Catch turned into one), retries taken, and failures
 * that ended a state without a Catch. Events of one frame are chained by previousEventId, which
 * keeps Parallel branches and Map iterations apart even when their events interleave.
 */
import type { Json, JsonObject } from '@stepwise/asl';
import { isJsonObject as isObject } from '../json-values.js';
import type { RetryTaken, TaskCall, Transition } from './observation.js';

/** The fields of a history event this module reads (compatible with @stepwise/asl's HistoryEvent). */
export interface HistoryEventLike {
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
}

export interface HistoryObservation {
  readonly entered: string[];
  readonly stateInputs: Map<string, Json[]>;
  readonly transitions: Transition[];
  readonly retries: RetryTaken[];
  readonly uncaught: { state: string; error: string }[];
  /** Task attempts as history shows them (for runs on a server, where no hook sees them). */
  readonly taskCalls: TaskCall[];
}

const TASK_SCHEDULED = new Set(['TaskScheduled', 'ActivityScheduled', 'LambdaFunctionScheduled']);
const ATTEMPT_STARTS = new Set(['TaskScheduled', 'ActivityScheduled', 'LambdaFunctionScheduled', 'ParallelStateStarted', 'MapStateStarted']);
const FAILURES = new Set([
  'TaskFailed',
  'TaskTimedOut',
  'TaskStartFailed',
  'TaskSubmitFailed',
  'ActivityFailed',
  'ActivityTimedOut',
  'ActivityScheduleFailed',
  'LambdaFunctionFailed',
  'LambdaFunctionTimedOut',
  'LambdaFunctionStartFailed',
  'LambdaFunctionScheduleFailed',
  'ParallelStateFailed',
  'MapStateFailed',
]);

export interface ObserveOptions {
  /** Build taskCalls from the history (runs on a server); in memory the task hook records them. Default true. */
  readonly taskCalls?: boolean;
  /**
   * 'text' (default): payloads are JSON text, as AWS's history has them. 'values': they are the
   * JSON values themselves (runInMemory's `history: 'values'`), read as they are.
   */
  readonly payloads?: 'text' | 'values';
}

export function observeHistory(events: readonly HistoryEventLike[], options: ObserveOptions = {}): HistoryObservation {
  const reader = new HistoryReader(options);
  const sorted = isSorted(events) ? events : [...events].sort((a, b) => a.id - b.id);
  for (const ev of sorted) reader.read(ev);
  return reader.finish();
}

/**
 * observeHistory one event at a time, in history order: fed a whole history (read), or as a
 * HistoryObserver of runInMemory (entered, exited, event), which builds no events at all. One
 * reading for both, so a run observed and the same run's history read give the same observation.
 * Events are attributed by id tables (ids are small dense integers): each event's state, the
 * entry input of that state, and per exit event the entry input of the state it exits.
 */
export class HistoryReader {
  readonly #wantCalls: boolean;
  readonly #values: boolean;
  readonly #payloadOf: (v: unknown) => Json;
  readonly #tables: Tables;
  /** The highest id seen: how much of the tables to clear when they go back to the pool. */
  #maxId = 0;
  /**
   * Entry inputs, beside `entered`, stay as recorded (JSON text) until an expectation reads them:
   * parsing every payload of every run is the runner's largest cost. Grouped by state on first read.
   */
  readonly #enteredInputs: unknown[] = [];
  /** Rare, so kept in maps made on first use: failures by event id, and the error a Catch turned into an exit. */
  #failures: Map<number, { state: string; error: string; handled: boolean }> | undefined;
  #exitError: Map<number, string> | undefined;
  readonly #failureList: { state: string; error: string; handled: boolean }[] = [];
  readonly #entered: string[] = [];
  readonly #transitions: Transition[] = [];
  readonly #retries: RetryTaken[] = [];
  readonly #taskCalls: TaskCall[] = [];
  /** Per scheduled event: its call under construction (attempt, resource, input); with attemptOf and callOf, only when task calls are wanted. */
  #scheduled: ({ stateName: string; resource: string; attempt: number; input: Json } | undefined)[] | undefined;
  #attemptOf: (number | undefined)[] | undefined;
  #callOf: (number | undefined)[] | undefined;

  constructor(options: ObserveOptions = {}) {
    this.#wantCalls = options.taskCalls ?? true;
    this.#values = options.payloads === 'values';
    this.#payloadOf = this.#values ? asValue : parsePayload;
    this.#tables = acquire();
    if (this.#wantCalls) {
      this.#scheduled = [];
      this.#attemptOf = [];
      this.#callOf = [];
    }
  }

  /** One event of a history. */
  read(ev: HistoryEventLike): void {
    const kind = typeInfo(ev.type);
    const wantCalls = this.#wantCalls;
    const needsDetails = (kind.flags & (ENTERED | EXITED | FAILURE)) !== 0 || (wantCalls && ((kind.flags & SCHEDULED) !== 0 || this.#callOf?.[ev.previousEventId] !== undefined));
    const details = needsDetails ? detailsOf(ev, kind) : EMPTY;
    if ((kind.flags & ENTERED) !== 0) this.#enter(ev.id, ev.previousEventId, String(details['name'] ?? ''), details['input']);
    else if ((kind.flags & EXITED) !== 0) this.#exit(ev.id, ev.previousEventId, details['name']);
    else this.#other(ev.id, ev.previousEventId, kind, details);
  }

  /** HistoryObserver: a state entered (its input a value). */
  entered(id: number, previousEventId: number, _type: string, name: string, input: Json): void {
    this.#enter(id, previousEventId, name, input);
  }

  /** HistoryObserver: a state exited. */
  exited(id: number, previousEventId: number, _type: string, name: string): void {
    this.#exit(id, previousEventId, name);
  }

  /** HistoryObserver: any other event. */
  event(id: number, previousEventId: number, type: string, details: JsonObject | undefined): void {
    this.#other(id, previousEventId, typeInfo(type), details ?? EMPTY);
  }

  #enter(id: number, prev: number, name: string, input: unknown): void {
    const { stateOf, inputOf, exitInput } = this.#tables;
    if (id > this.#maxId) this.#maxId = id;
    stateOf[id] = name;
    inputOf[id] = input;
    this.#entered.push(name);
    this.#enteredInputs.push(input);
    const exited = exitInput[prev];
    if (exited !== undefined) this.#transitions.push(transition(stateOf[prev] as string, name, this.#exitError?.get(prev), exited === NO_INPUT ? undefined : exited, this.#values));
  }

  /** `name`: the exit's own (a history's details), else the state of the event it follows. */
  #exit(id: number, prev: number, name: Json | undefined): void {
    const { stateOf, inputOf, exitInput } = this.#tables;
    if (id > this.#maxId) this.#maxId = id;
    stateOf[id] = String(name ?? stateOf[prev] ?? '');
    const failure = this.#failures?.get(prev);
    if (failure) {
      failure.handled = true;
      (this.#exitError ??= new Map()).set(id, failure.error);
    }
    exitInput[id] = inputOf[prev] ?? NO_INPUT;
  }

  #other(id: number, prev: number, kind: TypeInfo, details: JsonObject): void {
    const { stateOf, inputOf } = this.#tables;
    if (id > this.#maxId) this.#maxId = id;
    const inherited = stateOf[prev] ?? '';
    stateOf[id] = inherited;
    const carried = inputOf[prev];
    if (carried !== undefined) inputOf[id] = carried;
    const scheduled = this.#scheduled;
    const attemptOf = this.#attemptOf;
    const callOf = this.#callOf;
    if (scheduled !== undefined && attemptOf !== undefined && callOf !== undefined) {
      const pendingCall = callOf[prev];
      if (pendingCall !== undefined) callOf[id] = pendingCall;
      if ((kind.flags & SCHEDULED) !== 0) {
        const retried = this.#failures?.has(prev) === true;
        const attempt = retried ? (attemptOf[prev] ?? 0) + 1 : 0;
        attemptOf[id] = attempt;
        scheduled[id] = {
          stateName: inherited,
          resource: String(details['resource'] ?? ''),
          attempt,
          input: this.#payloadOf(details['parameters'] ?? details['input']),
        };
        callOf[id] = id;
      } else if (attemptOf[prev] !== undefined) {
        attemptOf[id] = attemptOf[prev];
      }
      const call = pendingCall === undefined ? undefined : scheduled[pendingCall];
      if (call && (kind.flags & ENDS) !== 0) {
        const ok = (kind.flags & SUCCEEDED) !== 0;
        this.#taskCalls.push({
          ...call,
          mocked: false,
          outcome: ok
            ? { ok: true, output: this.#payloadOf(details['output']) }
            : { ok: false, error: String(details['error'] ?? ''), cause: String(details['cause'] ?? '') },
        });
        callOf[id] = undefined;
      }
    }
    if ((kind.flags & FAILURE) !== 0) {
      const failure = { state: inherited, error: typeof details['error'] === 'string' ? details['error'] : '', handled: false };
      (this.#failures ??= new Map()).set(id, failure);
      this.#failureList.push(failure);
      return;
    }
    if ((kind.flags & ATTEMPT_START) !== 0) {
      const failure = this.#failures?.get(prev);
      if (failure) {
        failure.handled = true;
        this.#retries.push({ state: failure.state, error: failure.error });
      }
    }
  }

  /** The observation; the reader's tables go back to the pool (read no more events after this). */
  finish(): HistoryObservation {
    const uncaught: { state: string; error: string }[] = [];
    for (const f of this.#failureList) if (!f.handled) uncaught.push({ state: f.state, error: f.error });
    release(this.#tables, this.#maxId + 1);
    const out = { entered: this.#entered, transitions: this.#transitions, retries: this.#retries, uncaught, taskCalls: this.#taskCalls };
    return new ObservedHistory(out, this.#enteredInputs, this.#payloadOf);
  }
}

/**
 * What observeHistory returns. `stateInputs` is grouped (and, from text, parsed) on first read,
 * by a getter on the prototype: an object literal with its own getter costs a hidden class per
 * object, which grows the old space and slows every scavenge of a long test run.
 */
class ObservedHistory implements HistoryObservation {
  readonly entered: string[];
  readonly transitions: Transition[];
  readonly retries: RetryTaken[];
  readonly uncaught: { state: string; error: string }[];
  readonly taskCalls: TaskCall[];
  readonly #inputs: readonly unknown[];
  readonly #payloadOf: (v: unknown) => Json;
  #grouped: Map<string, Json[]> | undefined;

  constructor(
    parts: Omit<HistoryObservation, 'stateInputs'> & { readonly entered: string[] },
    inputs: readonly unknown[],
    payloadOf: (v: unknown) => Json,
  ) {
    this.entered = parts.entered;
    this.transitions = parts.transitions;
    this.retries = parts.retries;
    this.uncaught = parts.uncaught;
    this.taskCalls = parts.taskCalls;
    this.#inputs = inputs;
    this.#payloadOf = payloadOf;
  }

  get stateInputs(): Map<string, Json[]> {
    this.#grouped ??= groupInputs(this.entered, this.#inputs, this.#payloadOf);
    return this.#grouped;
  }
}

/** Each state's entry inputs, in the order the states were entered. */
function groupInputs(entered: readonly string[], inputs: readonly unknown[], payloadOf: (v: unknown) => Json): Map<string, Json[]> {
  const grouped = new Map<string, Json[]>();
  for (let i = 0; i < entered.length; i++) {
    const name = entered[i] as string;
    const value = payloadOf(inputs[i]);
    const list = grouped.get(name);
    if (list) list.push(value);
    else grouped.set(name, [value]);
  }
  return grouped;
}

/**
 * A transition with its fields written in one literal per shape: a field added afterwards would
 * cost each of them a separate property store (one per state of every run).
 */
function transition(from: string, to: string, error: string | undefined, before: unknown, values: boolean): Transition {
  if (values) {
    if (before === undefined) return error === undefined ? { from, to } : { from, to, error };
    return error === undefined ? { from, to, input: before as Json } : { from, to, error, input: before as Json };
  }
  if (typeof before !== 'string') return error === undefined ? { from, to } : { from, to, error };
  return error === undefined ? { from, to, inputText: before } : { from, to, error, inputText: before };
}

/** Marks an exit whose state's entry input is unknown. */
const NO_INPUT = Symbol('no input');

const ENTERED = 1;
const EXITED = 2;
const FAILURE = 4;
const SCHEDULED = 8;
const ATTEMPT_START = 16;
/** Ends a task call: `...Succeeded`, `...Failed`, `...TimedOut`. */
const ENDS = 32;
const SUCCEEDED = 64;

interface TypeInfo {
  readonly flags: number;
  /** The details field of the type: `stateEnteredEventDetails`, `taskScheduledEventDetails`, ... */
  readonly field: string;
}

/** What this module needs to know of an event type, worked out once per type name. */
const types = new Map<string, TypeInfo>();

function typeInfo(type: string): TypeInfo {
  let info = types.get(type);
  if (info === undefined) {
    let flags = 0;
    if (type.endsWith('StateEntered')) flags |= ENTERED;
    if (type.endsWith('StateExited')) flags |= EXITED;
    if (FAILURES.has(type)) flags |= FAILURE;
    if (TASK_SCHEDULED.has(type)) flags |= SCHEDULED;
    if (ATTEMPT_STARTS.has(type)) flags |= ATTEMPT_START;
    if (/(Succeeded|Failed|TimedOut)$/.test(type)) flags |= ENDS;
    if (type.endsWith('Succeeded')) flags |= SUCCEEDED;
    const field = (flags & ENTERED) !== 0 ? 'stateEnteredEventDetails' : (flags & EXITED) !== 0 ? 'stateExitedEventDetails' : `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
    info = { flags, field };
    if (types.size > 1000) types.clear();
    types.set(type, info);
  }
  return info;
}

const EMPTY: JsonObject = {};

/** The event's details: `stateEnteredEventDetails` for every `*StateEntered`, `<camelType>EventDetails` otherwise. */
function detailsOf(ev: HistoryEventLike, kind: TypeInfo): JsonObject {
  const value = (ev as unknown as Record<string, unknown>)[kind.field];
  if (isObject(value as Json)) return value as JsonObject;
  if (value === undefined && !ev.type.endsWith('Entered') && !ev.type.endsWith('Exited')) {
    for (const [key, v] of Object.entries(ev as object)) if (key.endsWith('EventDetails') && isObject(v as Json)) return v as JsonObject;
  }
  return EMPTY;
}

interface Tables {
  readonly stateOf: (string | undefined)[];
  readonly inputOf: unknown[];
  readonly exitInput: unknown[];
}

/**
 * Id tables reused from reader to reader instead of three arrays per test case. A reader takes a
 * set at its start and gives it back, emptied (so it keeps no payload alive), at finish; runs
 * observed at the same time each hold their own, and a reader that never finishes keeps its set.
 */
const pool: Tables[] = [];

function acquire(): Tables {
  return pool.pop() ?? { stateOf: [undefined], inputOf: [undefined], exitInput: [undefined] };
}

function release(tables: Tables, used: number): void {
  // ids far above their count (provisional or sparse) leave tables not worth keeping
  if (used > 65_536 || pool.length >= 8) return;
  tables.stateOf.fill(undefined, 0, used);
  tables.inputOf.fill(undefined, 0, used);
  tables.exitInput.fill(undefined, 0, used);
  pool.push(tables);
}

function isSorted(events: readonly HistoryEventLike[]): boolean {
  for (let i = 1; i < events.length; i++) if ((events[i] as HistoryEventLike).id < (events[i - 1] as HistoryEventLike).id) return false;
  return true;
}

/** A payload recorded as a value (absent: null). */
function asValue(v: unknown): Json {
  return (v ?? null) as Json;
}

/** History payloads are JSON text; a value that is not text (or not JSON) is kept as is. */
function parsePayload(v: unknown): Json {
  if (typeof v !== 'string') return (v ?? null) as Json;
  try {
    return JSON.parse(v) as Json;
  } catch {
    return v;
  }
}

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
  const wantCalls = options.taskCalls ?? true;
  const values = options.payloads === 'values';
  const payloadOf = values ? asValue : parsePayload;
  const sorted = isSorted(events) ? events : [...events].sort((a, b) => a.id - b.id);
  /**
   * Entry inputs, beside `entered`, stay as recorded (JSON text) until an expectation reads them:
   * parsing every payload of every run is the runner's largest cost. Grouped by state on first read.
   */
  const enteredInputs: unknown[] = [];
  // Tables by event id (arrays sized once: ids are small dense integers, this runs once per test case).
  const size = tableSize(sorted);
  const tables = tablesFor(size, sorted.length > 0 ? (sorted[0] as HistoryEventLike).id : 0);
  const stateOf = tables.stateOf;
  /** The entry input (JSON text, or value) of the state each event belongs to. */
  const inputOf = tables.inputOf;
  /** Per exit event: the entry input of the state it exits (NO_INPUT when none); its state is in stateOf. */
  const exitInput = tables.exitInput;
  /** Rare, so kept in maps made on first use: failures by event id, and the error a Catch turned into an exit. */
  let failures: Map<number, { state: string; error: string; handled: boolean }> | undefined;
  let exitError: Map<number, string> | undefined;
  const failureList: { state: string; error: string; handled: boolean }[] = [];
  const entered: string[] = [];
  const transitions: Transition[] = [];
  const retries: RetryTaken[] = [];
  const uncaught: { state: string; error: string }[] = [];
  const taskCalls: TaskCall[] = [];
  const out = { entered, transitions, retries, uncaught, taskCalls };
  /** Per scheduled event: its call under construction (attempt, resource, input). */
  const scheduled = new Array<{ stateName: string; resource: string; attempt: number; input: Json } | undefined>(wantCalls ? size : 0);
  const attemptOf = new Array<number | undefined>(wantCalls ? size : 0);
  const callOf = new Array<number | undefined>(wantCalls ? size : 0);

  for (const ev of sorted) {
    const kind = typeInfo(ev.type);
    const prev = ev.previousEventId;
    const inherited = stateOf[prev] ?? '';
    const needsDetails = (kind.flags & (ENTERED | EXITED | FAILURE)) !== 0 || (wantCalls && ((kind.flags & SCHEDULED) !== 0 || callOf[prev] !== undefined));
    const details = needsDetails ? detailsOf(ev, kind) : EMPTY;
    if ((kind.flags & ENTERED) !== 0) {
      const name = String(details['name'] ?? '');
      const input = details['input'];
      stateOf[ev.id] = name;
      inputOf[ev.id] = input;
      entered.push(name);
      enteredInputs.push(input);
      const exited = exitInput[prev];
      if (exited !== undefined) {
        const t: { from: string; to: string; error?: string; inputText?: string; input?: Json } = { from: stateOf[prev] as string, to: name };
        const error = exitError?.get(prev);
        const before = exited === NO_INPUT ? undefined : exited;
        if (error !== undefined) t.error = error;
        if (values) {
          if (before !== undefined) t.input = before as Json;
        } else if (typeof before === 'string') t.inputText = before;
        transitions.push(t);
      }
      continue;
    }
    if ((kind.flags & EXITED) !== 0) {
      const name = String(details['name'] ?? inherited);
      stateOf[ev.id] = name;
      const failure = failures?.get(prev);
      if (failure) {
        failure.handled = true;
        (exitError ??= new Map()).set(ev.id, failure.error);
      }
      exitInput[ev.id] = inputOf[prev] ?? NO_INPUT;
      continue;
    }
    stateOf[ev.id] = inherited;
    const carried = inputOf[prev];
    if (carried !== undefined) inputOf[ev.id] = carried;
    const pendingCall = wantCalls ? callOf[prev] : undefined;
    if (pendingCall !== undefined) callOf[ev.id] = pendingCall;
    if (wantCalls && (kind.flags & SCHEDULED) !== 0) {
      const retried = failures?.has(prev) === true;
      const attempt = retried ? (attemptOf[prev] ?? 0) + 1 : 0;
      attemptOf[ev.id] = attempt;
      scheduled[ev.id] = {
        stateName: inherited,
        resource: String(details['resource'] ?? ''),
        attempt,
        input: payloadOf(details['parameters'] ?? details['input']),
      };
      callOf[ev.id] = ev.id;
    } else if (wantCalls && attemptOf[prev] !== undefined) {
      attemptOf[ev.id] = attemptOf[prev];
    }
    const call = pendingCall === undefined ? undefined : scheduled[pendingCall];
    if (call && (kind.flags & ENDS) !== 0) {
      const ok = (kind.flags & SUCCEEDED) !== 0;
      taskCalls.push({
        ...call,
        mocked: false,
        outcome: ok
          ? { ok: true, output: payloadOf(details['output']) }
          : { ok: false, error: String(details['error'] ?? ''), cause: String(details['cause'] ?? '') },
      });
      callOf[ev.id] = undefined;
    }
    if ((kind.flags & FAILURE) !== 0) {
      const failure = { state: inherited, error: typeof details['error'] === 'string' ? details['error'] : '', handled: false };
      (failures ??= new Map()).set(ev.id, failure);
      failureList.push(failure);
      continue;
    }
    if ((kind.flags & ATTEMPT_START) !== 0) {
      const failure = failures?.get(prev);
      if (failure) {
        failure.handled = true;
        retries.push({ state: failure.state, error: failure.error });
      }
    }
  }
  for (const f of failureList) if (!f.handled) uncaught.push({ state: f.state, error: f.error });
  if (tables === scratch) release();
  return new ObservedHistory(out, enteredInputs, payloadOf);
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
 * The id tables of one call. observeHistory runs synchronously, so histories of ordinary size
 * share one set instead of allocating three arrays per test case; larger or sparse ones get
 * their own. The shared set is emptied after a call (so it keeps no payload alive) and, should a
 * call have thrown before that, before the next one.
 */
const SCRATCH_SIZE = 4096;
const scratch: Tables = {
  stateOf: new Array<string | undefined>(SCRATCH_SIZE).fill(undefined),
  inputOf: new Array<unknown>(SCRATCH_SIZE).fill(undefined),
  exitInput: new Array<unknown>(SCRATCH_SIZE).fill(undefined),
};
/** How much of the shared set may hold entries. */
let dirty = 0;

function tablesFor(size: number, firstId: number): Tables {
  if (size === 0 || size > SCRATCH_SIZE || firstId < 0) return { stateOf: new Array<string | undefined>(size), inputOf: new Array<unknown>(size), exitInput: new Array<unknown>(size) };
  release();
  dirty = size;
  return scratch;
}

function release(): void {
  if (dirty === 0) return;
  scratch.stateOf.fill(undefined, 0, dirty);
  scratch.inputOf.fill(undefined, 0, dirty);
  scratch.exitInput.fill(undefined, 0, dirty);
  dirty = 0;
}

/** Room for every id of a history numbered from 1 (larger ids still work: the arrays grow). */
function tableSize(sorted: readonly HistoryEventLike[]): number {
  const last = sorted.length > 0 ? (sorted[sorted.length - 1] as HistoryEventLike).id : 0;
  return last >= 0 && last <= 4 * sorted.length + 16 ? last + 1 : 0;
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

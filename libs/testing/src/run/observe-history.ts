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
  /** Entry inputs stay JSON text until an expectation reads them: parsing every payload of every run is the runner's largest cost. */
  const inputTexts = new Map<string, unknown[]>();
  const stateOf = new Map<number, string>();
  /** The entry input (JSON text) of the state each event belongs to. */
  const inputOf = new Map<number, unknown>();
  const exits = new Map<number, { name: string; error?: string; input?: unknown }>();
  const failures = new Map<number, { state: string; error: string; handled: boolean }>();
  let parsedInputs: Map<string, Json[]> | undefined;
  const out: HistoryObservation = {
    entered: [],
    get stateInputs(): Map<string, Json[]> {
      parsedInputs ??= new Map([...inputTexts].map(([k, list]) => [k, list.map(payloadOf)]));
      return parsedInputs;
    },
    transitions: [],
    retries: [],
    uncaught: [],
    taskCalls: [],
  };
  /** Per scheduled event: its call under construction (attempt, resource, input). */
  const scheduled = new Map<number, { stateName: string; resource: string; attempt: number; input: Json }>();
  const attemptOf = new Map<number, number>();
  const callOf = new Map<number, number>();

  for (const ev of sorted) {
    const inherited = stateOf.get(ev.previousEventId) ?? '';
    const needsDetails = ev.type.endsWith('StateEntered') || ev.type.endsWith('StateExited') || FAILURES.has(ev.type) || (wantCalls && (TASK_SCHEDULED.has(ev.type) || callOf.has(ev.previousEventId)));
    const details = needsDetails ? detailsOf(ev) : EMPTY;
    if (ev.type.endsWith('StateEntered')) {
      const name = String(details['name'] ?? '');
      stateOf.set(ev.id, name);
      inputOf.set(ev.id, details['input']);
      out.entered.push(name);
      const inputs = inputTexts.get(name);
      if (inputs) inputs.push(details['input']);
      else inputTexts.set(name, [details['input']]);
      const before = exits.get(ev.previousEventId);
      if (before) {
        out.transitions.push({
          from: before.name,
          to: name,
          ...(before.error !== undefined ? { error: before.error } : {}),
          ...(values ? { input: asValue(before.input) } : typeof before.input === 'string' ? { inputText: before.input } : {}),
        });
      }
      continue;
    }
    if (ev.type.endsWith('StateExited')) {
      const name = String(details['name'] ?? inherited);
      stateOf.set(ev.id, name);
      const failure = failures.get(ev.previousEventId);
      if (failure) failure.handled = true;
      const input = inputOf.get(ev.previousEventId);
      exits.set(ev.id, failure ? { name, error: failure.error, input } : { name, input });
      continue;
    }
    stateOf.set(ev.id, inherited);
    if (inputOf.has(ev.previousEventId)) inputOf.set(ev.id, inputOf.get(ev.previousEventId));
    const pendingCall = wantCalls ? callOf.get(ev.previousEventId) : undefined;
    if (pendingCall !== undefined) callOf.set(ev.id, pendingCall);
    if (wantCalls && TASK_SCHEDULED.has(ev.type)) {
      const retried = failures.has(ev.previousEventId);
      const attempt = retried ? (attemptOf.get(ev.previousEventId) ?? 0) + 1 : 0;
      attemptOf.set(ev.id, attempt);
      scheduled.set(ev.id, {
        stateName: inherited,
        resource: String(details['resource'] ?? ''),
        attempt,
        input: payloadOf(details['parameters'] ?? details['input']),
      });
      callOf.set(ev.id, ev.id);
    } else if (wantCalls && attemptOf.has(ev.previousEventId)) {
      attemptOf.set(ev.id, attemptOf.get(ev.previousEventId) as number);
    }
    const call = pendingCall === undefined ? undefined : scheduled.get(pendingCall);
    if (call && /(Succeeded|Failed|TimedOut)$/.test(ev.type)) {
      const ok = ev.type.endsWith('Succeeded');
      out.taskCalls.push({
        ...call,
        mocked: false,
        outcome: ok
          ? { ok: true, output: payloadOf(details['output']) }
          : { ok: false, error: String(details['error'] ?? ''), cause: String(details['cause'] ?? '') },
      });
      callOf.delete(ev.id);
    }
    if (FAILURES.has(ev.type)) {
      failures.set(ev.id, { state: inherited, error: typeof details['error'] === 'string' ? details['error'] : '', handled: false });
      continue;
    }
    if (ATTEMPT_STARTS.has(ev.type)) {
      const failure = failures.get(ev.previousEventId);
      if (failure) {
        failure.handled = true;
        out.retries.push({ state: failure.state, error: failure.error });
      }
    }
  }
  for (const f of failures.values()) if (!f.handled) out.uncaught.push({ state: f.state, error: f.error });
  return out;
}

const EMPTY: JsonObject = {};

/** The event's details: `stateEnteredEventDetails` for every `*StateEntered`, `<camelType>EventDetails` otherwise. */
function detailsOf(ev: HistoryEventLike): JsonObject {
  const type = ev.type;
  const field = type.endsWith('StateEntered') ? 'stateEnteredEventDetails' : type.endsWith('StateExited') ? 'stateExitedEventDetails' : `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
  const value = (ev as unknown as Record<string, unknown>)[field];
  if (isObject(value as Json)) return value as JsonObject;
  if (value === undefined && !type.endsWith('Entered') && !type.endsWith('Exited')) {
    for (const [key, v] of Object.entries(ev as object)) if (key.endsWith('EventDetails') && isObject(v as Json)) return v as JsonObject;
  }
  return EMPTY;
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

/**
 * Numbers, links and stamps the events one step appends. Ids are assigned inside the step (not at
 * commit) because AWS's causes quote them ("entered at the event id #2"); `previousEventId` is
 * the frame's last event, so concurrent branches chain to their own predecessors as in AWS.
 */
import type { Json, JsonObject } from '../json.js';
import type { HistoryObserver } from './observer.js';
import type { HistoryEvent, HistoryEventType } from './types.js';

/** `TaskScheduled` → `taskScheduledEventDetails`; every `*StateEntered` → `stateEnteredEventDetails`. */
export function detailsField(type: HistoryEventType): string {
  let field = FIELDS.get(type);
  if (field === undefined) {
    if (type.endsWith('StateEntered')) field = 'stateEnteredEventDetails';
    else if (type.endsWith('StateExited')) field = 'stateExitedEventDetails';
    else field = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
    FIELDS.set(type, field);
  }
  return field;
}

/** A memo of a pure function of a closed set of names (not execution state). */
const FIELDS = new Map<HistoryEventType, string>();

/** Two-entry memo: consecutive steps mostly share one instant, or alternate between two (runs that restart from one start time). */
let lastMs = Number.NaN;
let lastIso = '';
let otherMs = Number.NaN;
let otherIso = '';
function isoTime(ms: number): string {
  if (ms === lastMs) return lastIso;
  if (ms === otherMs) {
    otherMs = lastMs;
    const iso = otherIso;
    otherIso = lastIso;
    lastMs = ms;
    lastIso = iso;
    return iso;
  }
  otherMs = lastMs;
  otherIso = lastIso;
  lastMs = ms;
  lastIso = new Date(ms).toISOString();
  return lastIso;
}

/** The events of an observed step: none are built (shared, never appended to). */
const NONE: HistoryEvent[] = [];

export class EventLog {
  readonly events: HistoryEvent[];
  private nextId: number;
  private readonly firstId: number;
  private readonly timestamp: string;

  constructor(
    firstId: number,
    now: number,
    /** false: a Distributed Map child, whose events live in a child execution. */
    private readonly record: boolean,
    /** Set: events are reported to it, numbered as ever, and not built (`events` stays empty). */
    private readonly observer?: HistoryObserver,
  ) {
    this.nextId = firstId;
    this.firstId = firstId;
    this.events = observer === undefined ? [] : NONE;
    this.timestamp = observer === undefined ? isoTime(now) : '';
  }

  /** How many events this step appended (built or observed). */
  get count(): number {
    return this.nextId - this.firstId;
  }

  /** Whether a state's entered/exited event goes to an observer (its details need not be built). */
  get observed(): boolean {
    return this.observer !== undefined && this.record;
  }

  /** A `<Type>StateEntered` reported to the observer (only when `observed`). */
  entered(type: HistoryEventType, previousEventId: number, name: string, input: Json): number {
    const id = this.nextId++;
    (this.observer as HistoryObserver).entered(id, previousEventId, type, name, input);
    return id;
  }

  /** A `<Type>StateExited` reported to the observer (only when `observed`). */
  exited(type: HistoryEventType, previousEventId: number, name: string): number {
    const id = this.nextId++;
    (this.observer as HistoryObserver).exited(id, previousEventId, type, name);
    return id;
  }

  /** Appends one event after `previousEventId`; returns its id (or the previous id when not recording). */
  append(type: HistoryEventType, previousEventId: number, details?: JsonObject, field?: string): number {
    if (!this.record) return previousEventId;
    const id = this.nextId++;
    if (this.observer !== undefined) {
      this.observer.event(id, previousEventId, type, details);
      return id;
    }
    const timestamp = this.timestamp;
    let event: Record<string, unknown>;
    if (details === undefined) event = { id, previousEventId, timestamp, type };
    else {
      // `field`: the caller knows detailsField(type) already (every state's entered/exited event).
      // The commonest fields are written in the literal itself: a field added after the literal
      // lands in a separate property store, one more allocation per event.
      const key = field ?? detailsField(type);
      if (key === 'stateEnteredEventDetails') event = { id, previousEventId, timestamp, type, stateEnteredEventDetails: details };
      else if (key === 'stateExitedEventDetails') event = { id, previousEventId, timestamp, type, stateExitedEventDetails: details };
      else if (key === 'taskScheduledEventDetails') event = { id, previousEventId, timestamp, type, taskScheduledEventDetails: details };
      else if (key === 'taskStartedEventDetails') event = { id, previousEventId, timestamp, type, taskStartedEventDetails: details };
      else if (key === 'taskSucceededEventDetails') event = { id, previousEventId, timestamp, type, taskSucceededEventDetails: details };
      else if (key === 'taskFailedEventDetails') event = { id, previousEventId, timestamp, type, taskFailedEventDetails: details };
      else {
        event = { id, previousEventId, timestamp, type };
        event[key] = details;
      }
    }
    this.events.push(event as unknown as HistoryEvent);
    return id;
  }

  /** The id the next appended event will get. */
  peekId(): number {
    return this.nextId;
  }
}

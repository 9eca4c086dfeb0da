/**
 * A history observer: the events of a run reported as they happen instead of built (runInMemory's
 * `observer`). Ids, `previousEventId` chains, types and the fields a reader of states needs are
 * exactly the history's; what is saved is the event objects, their timestamps and the details of
 * state entries and exits, which are most of a run's allocations. Events come in history order.
 */
import type { Json, JsonObject } from '../json.js';
import type { HistoryEvent, HistoryEventType } from './types.js';

export interface HistoryObserver {
  /** A `<Type>StateEntered`: the state's name and its raw input (a value, never JSON text). */
  entered(id: number, previousEventId: number, type: HistoryEventType, name: string, input: Json): void;
  /** A `<Type>StateExited` (its output and assigned variables are not reported). */
  exited(id: number, previousEventId: number, type: HistoryEventType, name: string): void;
  /** Any other event, with the details the history would carry (payloads as values). */
  event(id: number, previousEventId: number, type: HistoryEventType, details: JsonObject | undefined): void;
}

/** Tells an observer of an event that was built (a Parallel branch's, merged at its join). */
export function reportEvent(observer: HistoryObserver, e: HistoryEvent): void {
  const type = e.type;
  if (type.endsWith('StateEntered')) {
    const d = e['stateEnteredEventDetails'] ?? {};
    observer.entered(e.id, e.previousEventId, type, String(d['name'] ?? ''), d['input'] ?? null);
  } else if (type.endsWith('StateExited')) {
    observer.exited(e.id, e.previousEventId, type, String(e['stateExitedEventDetails']?.['name'] ?? ''));
  } else {
    let details: JsonObject | undefined;
    for (const key in e) if (key.endsWith('EventDetails')) details = e[key as `${string}EventDetails`];
    observer.event(e.id, e.previousEventId, type, details);
  }
}

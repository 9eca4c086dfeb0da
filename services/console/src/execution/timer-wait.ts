/**
 * Which states of an execution wait on a timer right now, read from its history: a Wait state
 * entered and not yet left, or a task whose attempt failed and whose retry has not been scheduled
 * yet (the retry back-off). Time control's "Fire timer now" is offered only then. History events
 * form a tree through `previousEventId`; a timer wait is a leaf of that tree of one of those kinds.
 */
import { eventDetails, type HistoryEventLike } from './history-model.js';

const FAILED_ATTEMPT = /^(Task|Activity|LambdaFunction)(Failed|TimedOut)$/;
const FINISHED = /^Execution(Succeeded|Failed|Aborted|TimedOut)$/;

/** The names of the states waiting on a timer ('' when a back-off's state cannot be named). */
export function timerWaits(events: readonly HistoryEventLike[]): string[] {
  if (events.some((e) => FINISHED.test(e.type))) return [];
  const hasChild = new Set<number>();
  for (const e of events) if (e.previousEventId) hasChild.add(e.previousEventId);
  const byId = new Map(events.map((e) => [e.id, e]));
  const out: string[] = [];
  for (const e of events) {
    if (hasChild.has(e.id)) continue;
    if (e.type === 'WaitStateEntered') out.push(nameOf(e));
    else if (FAILED_ATTEMPT.test(e.type)) out.push(enteredName(e, byId));
  }
  return out;
}

function nameOf(e: HistoryEventLike): string {
  const name = eventDetails(e)?.name;
  return typeof name === 'string' ? name : '';
}

/** The state a task event belongs to: the nearest `*StateEntered` up the chain. */
function enteredName(e: HistoryEventLike, byId: ReadonlyMap<number, HistoryEventLike>): string {
  let cur: HistoryEventLike | undefined = e;
  for (let hops = 0; cur && hops < 10_000; hops++) {
    if (cur.type.endsWith('StateEntered')) return nameOf(cur);
    cur = cur.previousEventId ? byId.get(cur.previousEventId) : undefined;
  }
  return '';
}

/**
 * Where the in-memory driver collects the events of one history, and how the events of
 * concurrent Parallel branches are merged into their parent's history at the join (ADR 0003):
 * branch events carry provisional ids while they run; at the join they are merged (each
 * branch's own order kept; among simultaneous events, entering before exiting, as AWS's recorded
 * histories show), then renumbered, with `previousEventId` and the "event id #N" of causes
 * rewritten.
 */
import type { HistoryEvent } from '../events/types.js';
import { reportEvent, type HistoryObserver } from '../events/observer.js';

export class EventBuffer {
  readonly events: HistoryEvent[] = [];
  constructor(
    public nextId: number,
    /**
     * Set (the execution's own history, runInMemory's `observer`): the steps writing here build
     * no events and report them as they happen; events appended (a Parallel join's, recorded in
     * the branches' own buffers) are reported, not kept.
     */
    readonly observer?: HistoryObserver,
  ) {}

  append(events: readonly HistoryEvent[]): void {
    if (this.observer !== undefined) for (const e of events) reportEvent(this.observer, e);
    else for (const e of events) this.events.push(e);
    this.nextId += events.length;
  }

  /** After a step that reported its events: its frame's last event is the step's last. */
  observed(lastEventId: number): void {
    if (lastEventId >= this.nextId) this.nextId = lastEventId + 1;
  }
}

/** Provisional id ranges, far above any real history. */
export class ProvisionalIds {
  private next = 1_000_000_000;
  allocate(): number {
    const base = this.next;
    this.next += 10_000_000;
    return base;
  }
}

/** Among simultaneous events, a branch that is entering or working goes before one that exits. */
const rank = (e: HistoryEvent): number => (e.type.endsWith('StateExited') ? 1 : 0);

/**
 * A k-way merge that keeps each branch's own order (so `previousEventId` always points back):
 * at each point it takes the branch head with the earliest timestamp, non-exit events first,
 * then the lowest branch index.
 */
function merge(branches: readonly EventBuffer[]): HistoryEvent[] {
  const heads = branches.map(() => 0);
  const out: HistoryEvent[] = [];
  for (;;) {
    let best = -1;
    let bestEvent: HistoryEvent | undefined;
    branches.forEach((b, i) => {
      const e = b.events[heads[i] ?? 0];
      if (e === undefined) return;
      if (bestEvent === undefined || e.timestamp < bestEvent.timestamp || (e.timestamp === bestEvent.timestamp && rank(e) < rank(bestEvent))) {
        best = i;
        bestEvent = e;
      }
    });
    if (bestEvent === undefined) return out;
    out.push(bestEvent);
    heads[best] = (heads[best] ?? 0) + 1;
  }
}

/** Appends the branches' events to `parent`, merged and renumbered; returns the id mapping. */
export function mergeBranches(parent: EventBuffer, branches: readonly EventBuffer[]): (id: number) => number {
  const all = merge(branches).map((e) => ({ e }));
  const ids = new Map<number, number>();
  all.forEach((x, i) => ids.set(x.e.id, parent.nextId + i));
  const map = (id: number): number => ids.get(id) ?? id;
  const renumbered = all.map(({ e }) => rewrite(e, map));
  parent.append(renumbered);
  return map;
}

/** Rewrites "event id #N" inside a cause text. */
export function rewriteCause(cause: string, map: (id: number) => number): string {
  return cause.replace(/event id #(\d+)/g, (_, n: string) => `event id #${map(Number(n))}`);
}

function rewrite(e: HistoryEvent, map: (id: number) => number): HistoryEvent {
  const out: Record<string, unknown> = { ...e, id: map(e.id), previousEventId: map(e.previousEventId) };
  for (const [k, v] of Object.entries(e)) {
    if (k.endsWith('EventDetails') && typeof v === 'object' && v !== null && 'cause' in v) {
      const d = v as { cause?: unknown };
      if (typeof d.cause === 'string') out[k] = { ...v, cause: rewriteCause(d.cause, map) };
    }
  }
  return out as unknown as HistoryEvent;
}

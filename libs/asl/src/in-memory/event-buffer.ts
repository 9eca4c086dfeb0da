/**
 * Where the in-memory driver collects the events of one history, and how the events of
 * concurrent Parallel branches are merged into their parent's history at the join (ADR 0003):
 * branch events carry provisional ids while they run; at the join they are ordered by
 * timestamp, `*StateEntered` first among simultaneous events (AWS's order in recorded
 * histories), then renumbered, with `previousEventId` and the "event id #N" of causes rewritten.
 */
import type { HistoryEvent } from '../events/types.js';

export class EventBuffer {
  readonly events: HistoryEvent[] = [];
  constructor(public nextId: number) {}

  append(events: readonly HistoryEvent[]): void {
    for (const e of events) this.events.push(e);
    this.nextId += events.length;
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

const rank = (e: HistoryEvent): number => (e.type.endsWith('StateEntered') ? 0 : 1);

/** Appends the branches' events to `parent`, merged and renumbered; returns the id mapping. */
export function mergeBranches(parent: EventBuffer, branches: readonly EventBuffer[]): (id: number) => number {
  const all = branches.flatMap((b, bi) => b.events.map((e, pos) => ({ e, bi, pos })));
  all.sort((x, y) => x.e.timestamp.localeCompare(y.e.timestamp) || rank(x.e) - rank(y.e) || x.bi - y.bi || x.pos - y.pos);
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

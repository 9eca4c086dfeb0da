/**
 * The exact history each chaos case kind must leave. Ids being contiguous is not enough: a step
 * run twice can append a second TaskSucceeded or WaitStateExited under a fresh id. So every event
 * is given a label (type, state name, iteration index, error) and a thread (the root, one Parallel
 * branch, one Map iteration); each thread's labels must match its pattern exactly, and the
 * threads of a fan-out must sit between its start and its join. Only what the case allows to
 * vary (Parallel/Map interleaving, how many HTTP attempts a retry needed) varies.
 */

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

/** What the flaky HTTP server answered one key: an upper bound on the attempts a history may show. */
export interface Served {
  readonly failed: number;
  readonly succeeded: number;
}

export type CaseKind = 'wait' | 'parallel' | 'map' | 'activity' | 'http';

interface Shape {
  /** Labels of the root thread, joined by spaces, must match this exactly. */
  readonly root: RegExp;
  /** The fan-out: which thread an event belongs to, each thread's exact pattern, and the root labels that enclose them. */
  readonly fanOut?: {
    readonly threadOf: (e: HistoryEvent) => string | undefined;
    readonly threads: Readonly<Record<string, RegExp>>;
    readonly within: readonly [string, string];
    /** At most this many threads open at once (a Map's MaxConcurrency). */
    readonly maxOpen?: number;
  };
}

function details(e: HistoryEvent): Record<string, unknown> {
  for (const [k, v] of Object.entries(e)) if (k.endsWith('EventDetails') && v && typeof v === 'object') return v as Record<string, unknown>;
  return {};
}

/** type, then :state name, #iteration index, !error where the event has them. */
export function label(e: HistoryEvent): string {
  const d = details(e);
  const name = e.type.startsWith('MapIteration') ? undefined : d.name;
  return `${e.type}${typeof name === 'string' ? `:${name}` : ''}${typeof d.index === 'number' ? `#${d.index}` : ''}${typeof d.error === 'string' ? `!${d.error}` : ''}`;
}

const exact = (...labels: string[]): RegExp => new RegExp(`^${labels.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ')}$`);

export const MAP_ITEMS = [1, 2, 3, 4, 5];
export const MAP_MAX_CONCURRENCY = 2;
export const HTTP_MAX_ATTEMPTS = 5;

function mapThread(e: HistoryEvent): string | undefined {
  const d = details(e);
  if (e.type.startsWith('MapIteration')) return `item ${String(d.index)}`;
  if (d.name !== 'X') return undefined;
  // An iteration's Pass has the item as input and {x: item} as output: that names the iteration.
  const raw = e.type === 'PassStateEntered' ? d.input : (JSON.parse(String(d.output)) as { x?: unknown }).x;
  const item = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return `item ${MAP_ITEMS.indexOf(item as number)}`;
}

const SHAPES: Record<CaseKind, Shape> = {
  wait: { root: exact('ExecutionStarted', 'WaitStateEntered:W', 'WaitStateExited:W', 'PassStateEntered:P', 'PassStateExited:P', 'ExecutionSucceeded') },
  parallel: {
    root: exact('ExecutionStarted', 'ParallelStateEntered:Par', 'ParallelStateStarted', 'ParallelStateExited:Par', 'ExecutionSucceeded'),
    fanOut: {
      threadOf: (e) => ({ A: 'branch 0', A2: 'branch 0', B: 'branch 1' })[String(details(e).name)],
      threads: {
        'branch 0': exact('WaitStateEntered:A', 'WaitStateExited:A', 'PassStateEntered:A2', 'PassStateExited:A2'),
        'branch 1': exact('PassStateEntered:B', 'PassStateExited:B'),
      },
      within: ['ParallelStateStarted', 'ParallelStateExited:Par'],
    },
  },
  map: {
    root: exact('ExecutionStarted', 'MapStateEntered:M', 'MapStateStarted', 'MapStateSucceeded', 'MapStateExited:M', 'ExecutionSucceeded'),
    fanOut: {
      threadOf: mapThread,
      threads: Object.fromEntries(MAP_ITEMS.map((_, i) => [`item ${i}`, exact(`MapIterationStarted#${i}`, 'PassStateEntered:X', 'PassStateExited:X', `MapIterationSucceeded#${i}`)])),
      within: ['MapStateStarted', 'MapStateSucceeded'],
      maxOpen: MAP_MAX_CONCURRENCY,
    },
  },
  activity: { root: exact('ExecutionStarted', 'TaskStateEntered:A', 'ActivityScheduled', 'ActivityStarted', 'ActivitySucceeded', 'TaskStateExited:A', 'ExecutionSucceeded') },
  // Every failed attempt is a 503 followed by its retry; a worker killed mid-request may cost an
  // attempt the history never saw, so the count varies, bounded by MaxAttempts and by the server.
  http: { root: new RegExp(`^ExecutionStarted TaskStateEntered:H (TaskScheduled TaskStarted TaskFailed!States\\.Http\\.StatusCode\\.503 ){0,${HTTP_MAX_ATTEMPTS}}TaskScheduled TaskStarted TaskSucceeded TaskStateExited:H ExecutionSucceeded$`) },
};

/** Every way `events` departs from the history a case of `kind` must leave (empty when none). */
export function historyProblems(kind: CaseKind, events: readonly HistoryEvent[], served?: Served): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    if (e.id !== i + 1) problems.push(`event #${i + 1} has id ${e.id}`);
    if (!(e.previousEventId >= 0 && e.previousEventId < e.id)) problems.push(`event ${e.id} has previousEventId ${e.previousEventId}`);
  });
  const shape = SHAPES[kind];
  const threads = new Map<string, HistoryEvent[]>();
  const root: HistoryEvent[] = [];
  for (const e of events) {
    const t = shape.fanOut?.threadOf(e);
    if (t === undefined) root.push(e);
    else threads.set(t, [...(threads.get(t) ?? []), e]);
  }
  const rootLabels = root.map(label).join(' ');
  if (!shape.root.test(rootLabels)) problems.push(`history ${rootLabels} does not match ${shape.root.source}`);
  const fan = shape.fanOut;
  if (fan) {
    for (const [t, pattern] of Object.entries(fan.threads)) {
      const got = (threads.get(t) ?? []).map(label).join(' ');
      if (!pattern.test(got)) problems.push(`${t}: ${got || '(no events)'} does not match ${pattern.source}`);
    }
    for (const t of threads.keys()) if (!(t in fan.threads)) problems.push(`events of an unknown thread ${t}`);
    const open = root.find((e) => label(e) === fan.within[0])?.id ?? Infinity;
    const close = root.find((e) => label(e) === fan.within[1])?.id ?? -Infinity;
    for (const e of [...threads.values()].flat()) if (e.id <= open || e.id >= close) problems.push(`event ${e.id} ${label(e)} outside ${fan.within.join('..')}`);
    if (fan.maxOpen !== undefined) {
      let running = 0;
      let peak = 0;
      for (const e of events) {
        if (e.type === 'MapIterationStarted') peak = Math.max(peak, ++running);
        if (e.type === 'MapIterationSucceeded') running--;
      }
      if (peak > fan.maxOpen) problems.push(`${peak} iterations ran at once, MaxConcurrency is ${fan.maxOpen}`);
    }
  }
  if (kind === 'http' && served) {
    const failed = events.filter((e) => e.type === 'TaskFailed').length;
    const succeeded = events.filter((e) => e.type === 'TaskSucceeded').length;
    if (failed > served.failed || succeeded > served.succeeded) problems.push(`history shows ${failed} failed and ${succeeded} succeeded attempts, the server answered ${served.failed} and ${served.succeeded}`);
  }
  return problems;
}

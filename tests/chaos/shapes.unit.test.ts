/**
 * The chaos tests' history check can fail: fed the histories a real run left (fixtures/, recorded
 * from the engine running each case kind), it passes them, and it reports each of them with any
 * one event duplicated under a fresh id (ids still contiguous), with any one event lost, with an
 * iteration or branch outside its fan-out, or with more attempts than the server answered.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { historyProblems, label, type CaseKind, type HistoryEvent } from './shapes.js';

const recorded = JSON.parse(readFileSync(new URL('./fixtures/histories.json', import.meta.url), 'utf8')) as Record<CaseKind, HistoryEvent[]>;
const kinds = Object.keys(recorded) as CaseKind[];
const once = { failed: 1, succeeded: 1 };

/** Ids 1..n again, in the given order, each previousEventId following its event. */
function renumber(events: readonly HistoryEvent[]): HistoryEvent[] {
  const fresh = new Map(events.map((e, i) => [e.id, i + 1]));
  return events.map((e, i) => ({ ...e, id: i + 1, previousEventId: fresh.get(e.previousEventId) ?? e.previousEventId }));
}

/** A step run twice: a copy of event j right after it, under a fresh id, chained to it. */
function duplicated(events: readonly HistoryEvent[], j: number): HistoryEvent[] {
  const e = events[j]!;
  return renumber([...events.slice(0, j + 1), { ...e, id: e.id + 0.5, previousEventId: e.id }, ...events.slice(j + 1)]);
}

function contiguous(events: readonly HistoryEvent[]): boolean {
  return events.every((e, i) => e.id === i + 1 && e.previousEventId < e.id);
}

describe('chaos history shapes', () => {
  it('has a recorded history of every case kind', () => {
    expect(kinds.sort()).toEqual(['activity', 'http', 'map', 'parallel', 'wait']);
  });

  it.each(kinds)('accepts the history a real run of a %s case left', (kind) => {
    expect(historyProblems(kind, recorded[kind], once)).toEqual([]);
  });

  it.each(kinds)('reports any event of a %s history duplicated under a fresh id', (kind) => {
    const events = recorded[kind];
    for (let j = 0; j < events.length; j++) {
      const twice = duplicated(events, j);
      expect(contiguous(twice)).toBe(true);
      expect(historyProblems(kind, twice, once), `${label(events[j]!)} twice`).not.toEqual([]);
    }
  });

  it.each(kinds)('reports any event of a %s history missing', (kind) => {
    const events = recorded[kind];
    for (let j = 0; j < events.length; j++) {
      expect(historyProblems(kind, renumber(events.filter((_, i) => i !== j)), once), `${label(events[j]!)} lost`).not.toEqual([]);
    }
  });

  it('reports a repeated WaitStateExited and a second TaskSucceeded', () => {
    const wait = recorded.wait;
    const j = wait.findIndex((e) => e.type === 'WaitStateExited');
    expect(historyProblems('wait', duplicated(wait, j)).join()).toContain('WaitStateExited:W WaitStateExited:W');
    const http = recorded.http;
    const k = http.findIndex((e) => e.type === 'TaskSucceeded');
    expect(historyProblems('http', duplicated(http, k), once).join()).toContain('TaskSucceeded TaskSucceeded');
  });

  it('counts HTTP attempts against what the server answered', () => {
    const http = recorded.http;
    const first = http.findIndex((e) => e.type === 'TaskScheduled');
    // a whole failed attempt (TaskScheduled, TaskStarted, TaskFailed) twice: a legal shape, so only the server's count tells
    const again = renumber([...http.slice(0, first + 3), ...http.slice(first, first + 3).map((e) => ({ ...e, id: e.id + 0.5, previousEventId: e.previousEventId + 0.5 })), ...http.slice(first + 3)]);
    expect(contiguous(again)).toBe(true);
    expect(historyProblems('http', again, { failed: 2, succeeded: 1 })).toEqual([]);
    expect(historyProblems('http', again, once).join()).toContain('2 failed');
  });

  it('reports a Map running more iterations at once than MaxConcurrency', () => {
    const map = recorded.map;
    const started = (i: number) => map.find((e) => e.type === 'MapIterationStarted' && (e.mapIterationStartedEventDetails as { index: number }).index === i)!;
    const early = [started(1), started(2)];
    const rest = map.filter((e) => !early.includes(e));
    const at = rest.indexOf(started(0)) + 1;
    const three = renumber([...rest.slice(0, at), ...early, ...rest.slice(at)]);
    expect(historyProblems('map', three)).toEqual(['3 iterations ran at once, MaxConcurrency is 2']);
  });

  it('reports a Parallel branch event after the join', () => {
    const par = recorded.parallel;
    const b = par.filter((e) => (e.stateEnteredEventDetails ?? e.stateExitedEventDetails) && ((e.stateEnteredEventDetails ?? e.stateExitedEventDetails) as { name: string }).name === 'B');
    const rest = par.filter((e) => !b.includes(e));
    const late = renumber([...rest.slice(0, -1), ...b, rest.at(-1)!]);
    expect(historyProblems('parallel', late).join()).toContain('outside ParallelStateStarted..ParallelStateExited:Par');
  });
});

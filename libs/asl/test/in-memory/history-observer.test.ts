// runInMemory's `observer` builds no history: it must be told every event the history has, in
// the same order, with the same ids, chains, types, state names, entry inputs and details, and
// the run must end the same way. Checked on every definition of the conformance corpus (read in
// place; skipped where absent) and on runs the corpus does not cover (Map iterations writing the
// history while Parallel branches join, the history limit).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInMemory, type HistoryEvent, type HistoryObserver, type Json, type JsonObject, type RunOptions, type TaskOutcome } from '@stepwise/asl';

type Call = readonly [kind: string, id: number, previousEventId: number, type: string, nameOrDetails: unknown, input?: Json | undefined];

function recorder(): HistoryObserver & { readonly calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    entered: (id, prev, type, name, input) => void calls.push(['entered', id, prev, type, name, input]),
    exited: (id, prev, type, name) => void calls.push(['exited', id, prev, type, name]),
    event: (id, prev, type, details) => void calls.push(['event', id, prev, type, details]),
  };
}

/** What an observer must be told of a values history. */
function expectedCalls(events: readonly HistoryEvent[]): Call[] {
  return events.map((e): Call => {
    if (e.type.endsWith('StateEntered')) {
      const d = e['stateEnteredEventDetails'] as JsonObject;
      return ['entered', e.id, e.previousEventId, e.type, d['name'], d['input']];
    }
    if (e.type.endsWith('StateExited')) return ['exited', e.id, e.previousEventId, e.type, (e['stateExitedEventDetails'] as JsonObject)['name']];
    const field = Object.keys(e).find((k) => k.endsWith('EventDetails'));
    return ['event', e.id, e.previousEventId, e.type, field === undefined ? undefined : e[field as `${string}EventDetails`]];
  });
}

/** Runs both ways (the same task answers each time) and compares. */
async function compareRuns(definition: unknown, input: unknown, options: RunOptions = {}): Promise<{ calls: number }> {
  const answers = (): ((r: { stateName: string; attempt: number }) => TaskOutcome) => {
    // deterministic per state and attempt: the first attempt of every third state fails, to exercise Retry and Catch
    return (r) => (r.attempt === 1 && r.stateName.length % 3 === 0 ? { kind: 'failed', error: 'States.TaskFailed', cause: 'odd' } : { kind: 'succeeded', output: { from: r.stateName, attempt: r.attempt } });
  };
  const base: RunOptions = { startTime: 0, seed: 7, executionName: 'x', ...options };
  const values = await runInMemory(definition, input, { ...base, taskHandler: answers(), history: 'values' });
  const observer = recorder();
  const observed = await runInMemory(definition, input, { ...base, taskHandler: answers(), observer });
  expect(observed.events).toEqual([]);
  expect({ status: observed.status, output: observed.output, error: observed.error, cause: observed.cause }).toEqual({
    status: values.status,
    output: values.output,
    error: values.error,
    cause: values.cause,
  });
  expect(observer.calls).toEqual(expectedCalls(values.events));
  return { calls: observer.calls.length };
}

const CASES = fileURLToPath(new URL('../../../../../shared/conformance/cases', import.meta.url));
const present = existsSync(CASES);

describe.skipIf(!present)('runInMemory observer on the conformance corpus', () => {
  const cases = present
    ? readdirSync(CASES)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => JSON.parse(readFileSync(`${CASES}/${f}`, 'utf8')) as { id: string; definition: unknown; input: unknown })
    : [];

  it('reports every event of every run, as the history has it', async () => {
    let events = 0;
    for (const c of cases) {
      try {
        events += (await compareRuns(c.definition, c.input)).calls;
      } catch (e) {
        throw new Error(`${c.id}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    expect(cases.length).toBeGreaterThan(300);
    expect(events).toBeGreaterThan(2000);
  });
});

describe('runInMemory observer', () => {
  it('inline Map iterations interleaving, Retry and Catch', async () => {
    const work = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1 }], Next: 'Wait' };
    const definition = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          MaxConcurrency: 3,
          ItemProcessor: { StartAt: 'Abc', States: { Abc: work, Wait: { Type: 'Wait', Seconds: 1, Next: 'Done' }, Done: { Type: 'Pass', End: true } } },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', End: true },
      },
    };
    const { calls } = await compareRuns(definition, Array.from({ length: 5 }, (_, i) => i));
    expect(calls).toBeGreaterThan(40);
  });

  it('Parallel joins reported in history order while other Map iterations write the history', async () => {
    const definition = {
      StartAt: 'Map',
      States: {
        Map: {
          Type: 'Map',
          MaxConcurrency: 4,
          ItemProcessor: {
            StartAt: 'Par',
            States: {
              Par: {
                Type: 'Parallel',
                Branches: [
                  { StartAt: 'Slow', States: { Slow: { Type: 'Wait', SecondsPath: '$.wait', Next: 'Abc' }, Abc: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.ALL'] }], End: true } } },
                  { StartAt: 'Fast', States: { Fast: { Type: 'Pass', End: true } } },
                ],
                Next: 'After',
              },
              After: { Type: 'Pass', End: true },
            },
          },
          End: true,
        },
      },
    };
    const { calls } = await compareRuns(definition, [{ wait: 3 }, { wait: 1 }, { wait: 2 }, { wait: 0 }, { wait: 1 }]);
    expect(calls).toBeGreaterThan(80);
  });

  it('a run that reaches the history limit: its ExecutionFailed too', async () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } };
    const observer = recorder();
    const run = await runInMemory(definition, {}, { startTime: 0, observer, limits: { historyEvents: 50 } });
    const values = await runInMemory(definition, {}, { startTime: 0, history: 'values', limits: { historyEvents: 50 } });
    expect(run.status).toBe('FAILED');
    expect(run.cause).toBe(values.cause);
    expect(observer.calls).toEqual(expectedCalls(values.events));
  });
});

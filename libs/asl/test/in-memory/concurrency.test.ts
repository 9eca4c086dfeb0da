import { describe, expect, it } from 'vitest';
import { runInMemory, type HistoryEvent } from '@stepwise/asl';

const START = Date.UTC(2024, 0, 1);
const waitItem = {
  StartAt: 'W',
  States: { W: { Type: 'Wait', SecondsPath: '$.s', Next: 'Check' }, Check: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'F' }], Default: 'Ok' }, F: { Type: 'Fail', Error: 'Item', Cause: 'bad' }, Ok: { Type: 'Pass', End: true } },
};
const mapOf = (extra: Record<string, unknown>) => ({ StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: waitItem, End: true, ...extra } } });
const end = (events: HistoryEvent[]): string => events.at(-1)?.timestamp ?? '';

describe('concurrent children on the virtual clock', () => {
  it('MaxConcurrency 2 runs four 10-second iterations in 20 virtual seconds; unlimited in 10', async () => {
    const items = Array.from({ length: 4 }, () => ({ s: 10, fail: false }));
    const two = await runInMemory(mapOf({ MaxConcurrency: 2 }), items, { startTime: START });
    expect(two.status).toBe('SUCCEEDED');
    expect(end(two.events)).toBe('2024-01-01T00:00:20.000Z');
    const all = await runInMemory(mapOf({}), items, { startTime: START });
    expect(end(all.events)).toBe('2024-01-01T00:00:10.000Z');
    expect(all.output).toEqual(items);
  });

  it('a failing iteration aborts its waiting siblings at once (WaitStateAborted, MapIterationAborted)', async () => {
    const items = [
      { s: 100, fail: false },
      { s: 1, fail: true },
      { s: 100, fail: false },
    ];
    const r = await runInMemory(mapOf({}), items, { startTime: START });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Item', cause: 'bad' });
    const types = r.events.map((e) => e.type);
    expect(types.filter((t) => t === 'MapIterationAborted')).toHaveLength(2);
    expect(types.filter((t) => t === 'WaitStateAborted')).toHaveLength(2);
    expect(types.slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
    expect(end(r.events)).toBe('2024-01-01T00:00:01.000Z');
    r.events.forEach((e, i) => expect(e.id).toBe(i + 1));
  });

  it('Parallel branches wait concurrently and their events are merged in time order', async () => {
    const r = await runInMemory(
      {
        StartAt: 'P',
        States: {
          P: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 30, End: true } } },
              { StartAt: 'Fast', States: { Fast: { Type: 'Wait', Seconds: 5, End: true } } },
            ],
            End: true,
          },
        },
      },
      { a: 1 },
      { startTime: START },
    );
    expect(r.output).toEqual([{ a: 1 }, { a: 1 }]);
    expect(end(r.events)).toBe('2024-01-01T00:00:30.000Z');
    const exits = r.events.filter((e) => e.type === 'WaitStateExited').map((e) => [(e['stateExitedEventDetails'] as { name: string }).name, e.timestamp]);
    expect(exits).toEqual([
      ['Fast', '2024-01-01T00:00:05.000Z'],
      ['Slow', '2024-01-01T00:00:30.000Z'],
    ]);
    r.events.forEach((e, i) => {
      expect(e.id).toBe(i + 1);
      expect(e.previousEventId).toBeLessThan(e.id);
    });
  });

  it("clock 'real' really waits", async () => {
    const t0 = performance.now();
    const r = await runInMemory({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } }, {}, { clock: 'real' });
    expect(r.status).toBe('SUCCEEDED');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(950);
  });
});

describe('nested cancellation', () => {
  it('a failing outer iteration also aborts the inner iterations of its waiting siblings', async () => {
    const inner = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } };
    const r = await runInMemory(
      {
        StartAt: 'Outer',
        States: {
          Outer: {
            Type: 'Map',
            ItemProcessor: {
              StartAt: 'Which',
              States: {
                Which: { Type: 'Choice', Choices: [{ Variable: '$.fail', BooleanEquals: true, Next: 'Late' }], Default: 'Inner' },
                Late: { Type: 'Wait', Seconds: 1, Next: 'Boom' },
                Boom: { Type: 'Fail', Error: 'Outer', Cause: 'failed' },
                Inner: { Type: 'Map', ItemsPath: '$.xs', ItemProcessor: inner, End: true },
              },
            },
            End: true,
          },
        },
      },
      [{ fail: false, xs: [1, 2] }, { fail: true }],
      { startTime: START },
    );
    expect(r).toMatchObject({ status: 'FAILED', error: 'Outer' });
    expect(end(r.events)).toBe('2024-01-01T00:00:01.000Z');
    const types = r.events.map((e) => e.type);
    expect(types.filter((t) => t === 'WaitStateAborted')).toHaveLength(2);
    expect(types.filter((t) => t === 'MapIterationAborted')).toHaveLength(3);
    expect(types).toContain('MapStateAborted');
  });
});

describe("clock 'real' and cancellation", () => {
  it('a failing iteration ends the run without waiting for the aborted siblings', async () => {
    const t0 = performance.now();
    const r = await runInMemory(mapOf({}), [{ s: 30, fail: false }, { s: 0, fail: true }], { clock: 'real' });
    expect(r).toMatchObject({ status: 'FAILED', error: 'Item' });
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe('execution timeout with running children', () => {
  it('ends with ExecutionTimedOut as the last event, even while iterations wait', async () => {
    const r = await runInMemory({ ...mapOf({}), TimeoutSeconds: 5 }, [{ s: 60, fail: false }, { s: 90, fail: false }], { startTime: START });
    expect(r.status).toBe('TIMED_OUT');
    expect(r.events.at(-1)?.type).toBe('ExecutionTimedOut');
    expect(end(r.events)).toBe('2024-01-01T00:00:05.000Z');
    const count = r.events.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.events).toHaveLength(count);
  });
});

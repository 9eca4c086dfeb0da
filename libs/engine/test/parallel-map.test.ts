import { afterEach, describe, expect, it } from 'vitest';
import { StatesError, type Json } from '@stepwise/asl';
import { assertContiguous, harness, type Harness } from './harness.js';

describe('Parallel and Map joins', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('a Parallel joins its branch results in branch order', async () => {
    h = await harness();
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 0, Next: 'A2' }, A2: { Type: 'Pass', Result: 'a', End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
            { StartAt: 'C', States: { C: { Type: 'Pass', InputPath: '$.x', End: true } } },
          ],
        },
      },
    };
    const arn = await h.start('par', def, { x: 7 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual(['a', 'b', 7]);
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.map((e) => e.type)).toContain('ParallelStateEntered');
  });

  it('a Map holds MaxConcurrency across workers and keeps item order', async () => {
    let running = 0;
    let peak = 0;
    h = await harness({
      integrations: {
        handlers: {
          'arn:aws:states:::lambda:invoke': async (input) => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((r) => setTimeout(r, 30));
            running--;
            return (input as { Payload: number }).Payload * 2;
          },
        },
      },
    });
    const def = {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 3, End: true,
          ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' }, OutputPath: '$', End: true } } },
        },
      },
    };
    const items = Array.from({ length: 12 }, (_, i) => i);
    const arn = await h.start('map', def, { items });
    const d = await h.waitDone(arn, 15_000);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual(items.map((i) => i * 2));
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(12);
  }, 20_000);

  it('a Map over zero items succeeds with []', async () => {
    h = await harness();
    const arn = await h.start('empty', { StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } } } }, []);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '')).toEqual([]);
  });

  it('tolerated failures let the Map succeed; past the threshold it fails with States.ExceedToleratedFailureThreshold', async () => {
    h = await harness({
      integrations: {
        handlers: {
          'arn:aws:states:::lambda:invoke': async (input) => {
            const n = (input as { Payload: number }).Payload;
            if (n % 4 === 0) throw new StatesError('Odd', `item ${n}`);
            return n;
          },
        },
      },
    });
    const map = (tolerated: number) => ({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map', ToleratedFailureCount: tolerated, End: true,
          ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true } } },
        },
      },
    });
    const items = Array.from({ length: 8 }, (_, i) => i); // 0 and 4 fail
    const ok = await h.start('tol', map(2), items);
    const d1 = await h.waitDone(ok);
    expect(d1.status).toBe('SUCCEEDED');
    const out = JSON.parse(d1.output ?? '') as Json[];
    expect(out).toHaveLength(8);
    expect(out[1]).toBe(1);
    const bad = await h.start('tol2', map(1), items);
    const d2 = await h.waitDone(bad);
    expect(d2.status).toBe('FAILED');
    expect(d2.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  it('a failing branch fails the Parallel with its error and stops the siblings', async () => {
    h = await harness();
    const def = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel', End: true,
          Branches: [
            { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 3600, End: true } } },
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Branch', Cause: 'failed' } } },
          ],
        },
      },
    };
    const arn = await h.start('parfail', def);
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('Branch');
    assertContiguous(await h.history(arn));
  });
});

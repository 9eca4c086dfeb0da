/**
 * Steps of one execution take turns in a process (fewer event-counter conflicts), while other
 * executions' steps run alongside; and a wide Map then commits with no conflict at all, its
 * history ids still gap-free and unique.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { metrics } from '@stepwise/observability';
import { Turns } from '../src/turns.js';
import { assertContiguous, harness, type Harness } from './harness.js';

const tick = () => new Promise((r) => setTimeout(r, 1));

async function conflicts(): Promise<number> {
  return (await metrics.stepCommits.get()).values.find((v) => v.labels.status === 'conflict')?.value ?? 0;
}

describe('turns', () => {
  it('runs one turn of a key at a time, in arrival order, and other keys alongside', async () => {
    const turns = new Turns();
    const log: string[] = [];
    let inA = 0;
    let maxInA = 0;
    const a = (i: number) => turns.run('a', async (waited) => {
      inA++;
      maxInA = Math.max(maxInA, inA);
      log.push(`a${i}${waited ? '+' : ''}`);
      await tick();
      inA--;
      return i;
    });
    const b = () => turns.run('b', async (waited) => {
      log.push(`b${waited ? '+' : ''}`);
      return -1;
    });
    const failing = () => turns.run('a', async () => { throw new Error('boom'); }).catch(() => 'caught');
    // called in this order: a0 starts at once, b alongside, the rest of 'a' wait their turn
    expect(await Promise.all([a(0), b(), failing(), a(1), a(2)])).toEqual([0, -1, 'caught', 1, 2]);
    expect(maxInA).toBe(1);
    expect(log).toEqual(['a0', 'b', 'a1+', 'a2+']);
    // an idle key starts without waiting again
    expect(await turns.run('a', async (waited) => waited)).toBe(false);
  });

  describe('a wide Map', () => {
    let h: Harness;
    afterEach(async () => h.close());

    it('commits its iterations without event-counter conflicts, ids gap-free and unique', async () => {
      h = await harness();
      const before = await conflicts();
      const def = { StartAt: 'M', States: { M: { Type: 'Map', MaxConcurrency: 0, End: true, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } } } };
      const arn = await h.start('turns-wide', def, Array.from({ length: 200 }, (_, i) => i));
      const d = await h.waitDone(arn, 30_000);
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output ?? '')).toHaveLength(200);
      const events = await h.history(arn);
      assertContiguous(events);
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(await conflicts()).toBe(before);
    });
  });
});

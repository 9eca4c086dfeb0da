import { afterEach, describe, expect, it } from 'vitest';
import { assertContiguous, harness, type Harness } from './harness.js';

const chain = (n: number) => {
  const States: Record<string, object> = {};
  for (let i = 0; i < n; i++) States[`S${i}`] = i === n - 1 ? { Type: 'Pass', Result: { done: i }, ResultPath: '$.r', End: true } : { Type: 'Pass', Next: `S${i + 1}` };
  return { StartAt: 'S0', States };
};

describe('start → advance → succeed', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('runs a Pass chain in one step and records a contiguous history', async () => {
    h = await harness({ timers: false });
    const arn = await h.start('chain', chain(10), { a: 1 });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? 'null')).toEqual({ a: 1, r: { done: 9 } });
    const events = await h.history(arn);
    assertContiguous(events);
    expect(events[0]?.type).toBe('ExecutionStarted');
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(events.filter((e) => e.type === 'PassStateEntered')).toHaveLength(10);
  });

  it('a Fail state fails the execution with its error and cause', async () => {
    h = await harness({ timers: false });
    const arn = await h.start('fail', { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'because' } } });
    const d = await h.waitDone(arn);
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('Boom');
    expect(d.cause).toBe('because');
  });

  it('starting the same name with the same input is idempotent; another input is ExecutionAlreadyExists', async () => {
    h = await harness({ workers: false, timers: false });
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } };
    const a = await h.start('idem', def, { x: 1 }, 'one');
    const b = await h.start('idem', def, { x: 1 }, 'one');
    expect(b).toBe(a);
    await expect(h.start('idem', def, { x: 2 }, 'one')).rejects.toMatchObject({ code: 'ExecutionAlreadyExists' });
  });

  it('pages history with nextToken and reverseOrder', async () => {
    h = await harness({ timers: false });
    const arn = await h.start('paging', chain(30));
    await h.waitDone(arn);
    const all = await h.history(arn);
    expect(all.length).toBe(62);
    const p1 = await h.engine.getExecutionHistory(arn, { maxResults: 25 });
    expect(p1.items.map((e) => e.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const p2 = await h.engine.getExecutionHistory(arn, { maxResults: 25, ...(p1.nextToken !== undefined ? { nextToken: p1.nextToken } : {}) });
    expect(p2.items[0]?.id).toBe(26);
    const r1 = await h.engine.getExecutionHistory(arn, { maxResults: 10, reverseOrder: true });
    expect(r1.items.map((e) => e.id)).toEqual(Array.from({ length: 10 }, (_, i) => 62 - i));
    const r2 = await h.engine.getExecutionHistory(arn, { maxResults: 10, reverseOrder: true, ...(r1.nextToken !== undefined ? { nextToken: r1.nextToken } : {}) });
    expect(r2.items[0]?.id).toBe(52);
  });
});

/**
 * MaxConcurrency holds across processes: two worker sets on their own Redis connections (as two
 * worker processes have) run one execution's Map. Its next item is launched by the commit of the
 * iteration that ended, whichever process made it, so the bound is Redis's and not a worker's.
 */
import { afterEach, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { createEngine, type DurableEngine } from '../src/engine.js';
import { IntegrationRegistry } from '../src/integrations/registry.js';
import type { TaskHandler } from '../src/integrations/types.js';
import { startWorkers, type EngineWorkers } from '../src/workers.js';
import { systemClock } from '../src/clock.js';
import { assertContiguous, harness, SCOPE, type Harness } from './harness.js';

const TASK = 'arn:aws:states:::lambda:invoke';
const ITEMS = 8;
const MAX_CONCURRENCY = 2;

let h: Harness | undefined;
let other: { engine: DurableEngine; redis: Redis; workers: EngineWorkers } | undefined;
afterEach(async () => {
  await other?.workers.close(true);
  await other?.engine.close();
  other?.redis.disconnect();
  other = undefined;
  await h?.close();
  h = undefined;
});

it('a Map holds MaxConcurrency 2 across two worker processes, and both run items', async () => {
  let running = 0;
  let peak = 0;
  const ran = { a: [] as number[], b: [] as number[] };
  const sets: Partial<Record<'a' | 'b', EngineWorkers>> = {};
  // Each set could run 4 items at once: only the engine's bound keeps it at 2. A set that has
  // taken half the items fetches no more tasks (a job it already fetched may still run), so the
  // other one surely runs some.
  const handler = (set: 'a' | 'b'): TaskHandler => async (input) => {
    const item = (input as { Payload: number }).Payload;
    running++;
    peak = Math.max(peak, running);
    ran[set].push(item);
    if (ran[set].length === ITEMS / 2) void sets[set]?.task.pause(true);
    await new Promise((r) => setTimeout(r, 150));
    running--;
    return item * 10;
  };
  h = await harness({ workers: false, integrations: { handlers: { [TASK]: handler('a') } } });
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const engine = createEngine({ redis, keyPrefix: h.prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry({ bullmqConnection: redis, handlers: { [TASK]: handler('b') } }) });
  other = { engine, redis, workers: startWorkers(engine.core, { concurrency: 4 }) };
  h.workers = startWorkers(h.engine.core, { concurrency: 4 });
  sets.a = h.workers;
  sets.b = other.workers;

  const def = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map', ItemsPath: '$.items', MaxConcurrency: MAX_CONCURRENCY, End: true,
        ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: TASK, Parameters: { FunctionName: 'f', 'Payload.$': '$' }, End: true } } },
      },
    },
  };
  const items = Array.from({ length: ITEMS }, (_, i) => i);
  const arn = await h.start('map-two-sets', def, { items });
  const d = await h.waitDone(arn, 20_000);
  expect(d.status).toBe('SUCCEEDED');
  expect(JSON.parse(d.output ?? '')).toEqual(items.map((i) => i * 10));
  expect(peak).toBe(MAX_CONCURRENCY);
  expect(ran.a.length).toBeGreaterThan(0);
  expect(ran.b.length).toBeGreaterThan(0);
  expect([...ran.a, ...ran.b].sort((x, y) => x - y)).toEqual(items);
  const events = await h.history(arn);
  assertContiguous(events);
  expect(events.filter((e) => e.type === 'MapIterationSucceeded')).toHaveLength(ITEMS);
}, 30_000);

/**
 * A Map of 10,000 items never loads all results into one job or one Redis value: each result is
 * its own field of the join hash, and only the Map's final output (and the input it was given)
 * is ever one large value. A sampler reads every key of the test while the Map runs, so values
 * that live only until the join (join results, outbox entries, queued jobs) are seen too.
 * Its 40,006 events are past AWS's 25,000 (the reason AWS has the Distributed Map): the history
 * limit is raised for it; the output (about 200 KB) stays under the 256 KiB payload limit.
 * About 8 s on the shared 2-core machine (10 s with the sampler).
 */
import { afterEach, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { assertContiguous, harness, type Harness } from './harness.js';

const ITEMS = 10_000;
/** Far below the output (about 170 KB): a value this large holds many items' worth of data. */
const SMALL = 4096;

/** Per key, the largest value (string, hash field, list/set/zset element, stream field); the value itself when over `limit`. */
const LARGEST = `
local limit = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local k = ARGV[i]
  local t = redis.call('TYPE', k)['ok']
  local vals = {}
  if t == 'string' then vals = { redis.call('GET', k) }
  elseif t == 'hash' then vals = redis.call('HVALS', k)
  elseif t == 'list' then vals = redis.call('LRANGE', k, 0, -1)
  elseif t == 'set' then vals = redis.call('SMEMBERS', k)
  elseif t == 'zset' then vals = redis.call('ZRANGE', k, 0, -1)
  elseif t == 'stream' then
    for _, entry in ipairs(redis.call('XRANGE', k, '-', '+')) do
      for j = 2, #entry[2], 2 do table.insert(vals, entry[2][j]) end
    end
  end
  local best, big = 0, nil
  for _, v in ipairs(vals) do
    if #v > best then best = #v end
    if #v > limit then big = big or {}; table.insert(big, v) end
  end
  table.insert(out, { k, best, big or {} })
end
return out
`;

interface Sizes {
  /** The largest value of each key seen, over all samples. */
  readonly largest: Map<string, number>;
  /** Every value over SMALL seen, by key. */
  readonly big: Map<string, Set<string>>;
}

/** Reads every key under `prefix` (test only: the keys of many slots in one script, on a standalone Redis). */
async function sample(redis: Redis, prefix: string, into: Sizes, skipSuffix?: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    const keys = skipSuffix === undefined ? found : found.filter((k) => !k.endsWith(skipSuffix));
    if (keys.length === 0) continue;
    const rows = (await redis.eval(LARGEST, 0, SMALL, ...keys)) as Array<[string, number, string[]]>;
    for (const [k, best, big] of rows) {
      into.largest.set(k, Math.max(into.largest.get(k) ?? 0, best));
      for (const v of big) into.big.set(k, (into.big.get(k) ?? new Set()).add(v));
    }
  } while (cursor !== '0');
}

let h: Harness;
afterEach(async () => h?.close());

it('runs an inline Map of 10,000 Pass items with no large Redis value but its input and final output', async () => {
  h = await harness({ concurrency: 64, limits: { payloadBytes: 262_144, historyEvents: 50_000 } });
  const items = Array.from({ length: ITEMS }, (_, i) => i);
  const def = {
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemsPath: '$.items', MaxConcurrency: 0, End: true, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'r.$': "States.Format('result {}', $)" }, End: true } } } } },
  };
  const sizes: Sizes = { largest: new Map(), big: new Map() };
  const arn = await h.start('wide', def, { items });
  let done = false;
  let samples = 0;
  const sampler = (async () => {
    for (; !done; samples++) {
      // the history only grows by whole events: the last sample reads it
      await sample(h.redis, h.prefix, sizes, ':history');
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  const d = await h.waitDone(arn, 60_000).finally(() => {
    done = true;
  });
  await sampler;
  await sample(h.redis, h.prefix, sizes);

  expect(d.status).toBe('SUCCEEDED');
  const output = JSON.parse(d.output ?? '') as Array<{ r: string }>;
  expect(output).toHaveLength(ITEMS);
  expect(output.every((o, i) => o.r === `result ${i}`)).toBe(true);
  const events = await h.history(arn);
  assertContiguous(events);
  expect(events).toHaveLength(3 + 4 * ITEMS + 3);

  // Every value over SMALL is the Map's input or its whole output, never a share of the results.
  const outText = d.output ?? '';
  const inText = JSON.stringify(items);
  const holds = (v: string, whole: string) => v.includes(whole) || v.includes(JSON.stringify(whole).slice(1, -1));
  const big = [...sizes.big].flatMap(([k, vs]) => [...vs].map((v) => ({ key: k.includes('}:') ? k.slice(k.indexOf('}:') + 2) : k.slice(h.prefix.length), v })));
  for (const b of big) {
    const what = `${b.key} (${b.v.length} bytes): ${b.v.slice(0, 160)}`;
    if (holds(b.v, outText)) continue;
    expect(holds(b.v, inText), what).toBe(true);
    expect(b.v.includes('result '), what).toBe(false);
  }
  const outputAt = big.filter((b) => holds(b.v, outText)).map((b) => (b.key === 'history' ? (JSON.parse(b.v) as { type: string }).type : b.key));
  expect(outputAt.sort()).toEqual(['ExecutionSucceeded', 'MapStateExited', 'meta']);
  // The sampler met the values that live only while the Map runs: the join results and the queued step jobs.
  expect(samples).toBeGreaterThan(2);
  const seen = [...sizes.largest.keys()];
  expect(seen.some((k) => k.endsWith(':jr:root'))).toBe(true);
  expect(seen.filter((k) => k.includes(':q:advance:') && k.includes('|root/')).length).toBeGreaterThan(0);
  expect(Math.max(...[...sizes.largest].filter(([k]) => !sizes.big.has(k)).map(([, n]) => n))).toBeLessThan(SMALL);
}, 90_000);

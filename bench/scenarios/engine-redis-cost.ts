/**
 * engine-redis-cost: Redis commands and network bytes per durable transition (INFO commandstats
 * and stats deltas over 500 Pass-chain executions of 10 states, and over 200 Task chains of 10
 * Tasks), and memory per open Map item (a Map of 2,000 items whose iterations all wait).
 */
import { arns } from '@stepwise/protocol';
import { benchEngine, benchRedis, commandCalls, netBytes, passChain, taskChain, usedMemory, SCOPE } from './engine-common.js';

export async function run(): Promise<unknown[]> {
  const server = await benchRedis();
  const out: unknown[] = [];
  try {
    const b = await benchEngine(server.url, { handlers: { 'bench:echo': async (x) => x } });
    for (const [name, def, n] of [['pass-chain', passChain(10), 500], ['task-chain', taskChain(10, 'bench:echo'), 200]] as const) {
      await b.waitAll(await Promise.all(Array.from({ length: 10 }, (_, i) => b.start(def, { i }, `${name}-w${i}`))), 30_000);
      const c0 = await commandCalls(b.redis);
      const n0 = await netBytes(b.redis);
      const started = await Promise.all(Array.from({ length: n }, (_, i) => b.start(def, { i }, `${name}-${i}`)));
      await b.waitAll(started, 120_000);
      const c1 = await commandCalls(b.redis);
      const n1 = await netBytes(b.redis);
      const transitions = n * 10;
      out.push({ scenario: 'engine-redis-cost', workload: name, transitions, commandsPerTransition: Number(((c1 - c0) / transitions).toFixed(2)), bytesPerTransition: Math.round((n1 - n0) / transitions) });
    }
    const items = 2000;
    const m0 = await usedMemory(b.redis);
    const mapDef = { StartAt: 'M', States: { M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } } } } };
    const arn = await b.start(mapDef, Array.from({ length: items }, (_, i) => ({ i })), 'map-open');
    const id = `${arn.split(':')[6]}.${arn.split(':')[7]}`;
    const end = Date.now() + 120_000;
    while ((await b.redis.scard(`${b.prefix}:{${id}}:frames`)) < items + 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    const open = (await b.redis.scard(`${b.prefix}:{${id}}:frames`)) - 1;
    const m1 = await usedMemory(b.redis);
    out.push({ scenario: 'engine-redis-cost', workload: 'open-map-items', items: open, bytesPerOpenItem: Math.round((m1 - m0) / Math.max(1, open)) });
    await b.engine.stopExecution(arn);
    void arns;
    void SCOPE;
    await b.close();
    return out;
  } finally {
    await server.stop();
  }
}

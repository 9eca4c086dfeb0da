/**
 * Chaos: worker processes are killed with SIGKILL at random moments (and restarted) while 200
 * executions of every kind run. Every execution must finish with the right output, and no
 * history may show a duplicate event or a gap.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, uniquePrefix, type RedisServer } from '@stepwise/testkit';
import { createEngine, IntegrationRegistry, systemClock, type DurableEngine } from '@stepwise/engine';
import { dumpExecution } from './debug.js';
import { buildServices, spawnService, type ServiceProcess } from './processes.js';
import { activityWorker, cases, flakyServer, SCOPE, startAll, verify, waitAllDone } from './workload.js';

let redisServer: RedisServer;
let redis: Redis;
let engine: DurableEngine;
const procs: ServiceProcess[] = [];

beforeAll(async () => {
  buildServices();
  redisServer = await startRedis({ appendOnly: true, appendFsync: 'always', forceLocalProcess: true });
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
}, 240_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await engine?.close();
  redis?.disconnect();
  await redisServer?.stop();
});

it('every execution finishes correctly while workers are SIGKILLed at random', async () => {
  const prefix = uniquePrefix('chaos');
  const env = { REDIS_URL: redisServer.url, STEPWISE_KEY_PREFIX: prefix, STEPWISE_WORKER_CONCURRENCY: '16', STEPWISE_LEADER_LEASE_MS: '1000' };
  engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry() });
  const http = await flakyServer();
  procs.push(spawnService('scheduler', env, 'scheduler-a'));
  for (let i = 0; i < 3; i++) procs.push(spawnService('worker', env, `worker-${i}`));
  const acts = activityWorker(engine);
  const list = cases(http.url, 200);
  // Start the executions in waves while the killing goes on, so every phase meets a kill.
  const starting = (async () => {
    const out: Awaited<ReturnType<typeof startAll>> = [];
    for (let i = 0; i < list.length; i += 25) {
      const wave = await startAll(engine, list.slice(i, i + 25), `${prefix}-${i}`);
      out.push(...wave);
      await new Promise((r) => setTimeout(r, 500));
    }
    return out;
  })();

  // Kill a random worker every 300-900 ms for 8 seconds, restarting it at once.
  const until = Date.now() + 8_000;
  let kills = 0;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 300 + Math.random() * 600));
    const workers = procs.filter((p) => p.name.startsWith('worker') && p.child.exitCode === null && p.child.signalCode === null);
    const victim = workers[Math.floor(Math.random() * workers.length)];
    if (!victim) continue;
    await victim.kill('SIGKILL');
    kills++;
    procs.push(spawnService('worker', env, victim.name));
  }
  expect(kills).toBeGreaterThan(5);
  const started = await starting;
  try {
    await waitAllDone(engine, started, 45_000);
  } catch (e) {
    const stuck = /e\.g\. (\S+)/.exec(String(e))?.[1];
    if (stuck) console.error(await dumpExecution(redis, prefix, stuck));
    throw e;
  }
  await acts.stop();
  await http.close();
  expect(await verify(engine, started)).toEqual([]);
}, 120_000);

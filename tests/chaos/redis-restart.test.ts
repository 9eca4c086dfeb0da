/**
 * Chaos: Redis (AOF, appendfsync always) is killed with SIGKILL and restarted while executions
 * run. Every execution that StartExecution acknowledged finishes with the right output and an
 * intact history. (With appendfsync everysec up to about a second of writes can be lost:
 * docs/adr/0003-redis-data-model.md.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis, uniquePrefix, type RedisServer } from '@stepwise/testkit';
import { createEngine, IntegrationRegistry, systemClock, type DurableEngine } from '@stepwise/engine';
import { buildServices, spawnService, type ServiceProcess } from './processes.js';
import { activityWorker, cases, flakyServer, SCOPE, startAll, verify, waitAllDone } from './workload.js';
import { dumpExecution } from './debug.js';

let redisServer: RedisServer;
let redis: Redis;
let engine: DurableEngine;
const procs: ServiceProcess[] = [];

beforeAll(async () => {
  buildServices();
  redisServer = await startRedis({ appendOnly: true, appendFsync: 'always', forceLocalProcess: true });
  redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined); // the test restarts Redis on purpose
}, 240_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await engine?.close();
  redis?.disconnect();
  await redisServer?.stop();
});

it('executions continue after Redis is killed and restarted from its AOF', async () => {
  const prefix = uniquePrefix('aof');
  const env = { REDIS_URL: redisServer.url, STEPWISE_KEY_PREFIX: prefix, STEPWISE_WORKER_CONCURRENCY: '16', STEPWISE_LEADER_LEASE_MS: '1000' };
  engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry() });
  const http = await flakyServer();
  procs.push(spawnService('scheduler', env));
  procs.push(spawnService('worker', env, 'worker-0'), spawnService('worker', env, 'worker-1'));
  const acts = activityWorker(engine);
  const started = await startAll(engine, cases(http.url, 60), prefix);
  await new Promise((r) => setTimeout(r, 700));
  await redisServer.kill();
  await new Promise((r) => setTimeout(r, 500));
  await redisServer.restart();
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

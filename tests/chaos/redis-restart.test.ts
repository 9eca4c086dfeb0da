/**
 * Chaos: Redis (AOF, appendfsync always) is killed with SIGKILL and restarted while executions
 * run. Every execution that StartExecution acknowledged finishes with the right output and an
 * intact history. (With appendfsync everysec up to about a second of writes can be lost:
 * docs/adr/0003-redis-data-model.md.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chaosStage, type ChaosStage } from './stage.js';
import { spawnService } from './processes.js';
import { activityWorker, cases, flakyServer, startAll, verify, waitAllDone } from './workload.js';
import { dumpExecution } from './debug.js';

let stage: ChaosStage;

beforeAll(async () => {
  stage = await chaosStage('aof');
}, 240_000);

afterAll(async () => stage?.close());

it('executions continue after Redis is killed and restarted from its AOF', async () => {
  const { redisServer, redis, prefix, env, engine, procs } = stage;
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

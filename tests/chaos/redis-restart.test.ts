/**
 * Chaos: Redis (AOF, appendfsync always) is killed with SIGKILL and restarted while executions
 * run. Every execution that StartExecution acknowledged finishes with the right output and an
 * intact history. (With appendfsync everysec up to about a second of writes can be lost:
 * docs/adr/0006-redis-data-model-and-hash-tags.md.)
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chaosStage, waitAllDoneOrDump, type ChaosStage } from './stage.js';
import { spawnService } from './processes.js';
import { activityWorker, cases, flakyServer, startAll, verify } from './workload.js';

let stage: ChaosStage;

beforeAll(async () => {
  stage = await chaosStage('aof');
}, 240_000);

afterAll(async () => stage?.close());

it('executions continue after Redis is killed and restarted from its AOF', async () => {
  const { redisServer, prefix, env, engine, procs } = stage;
  const http = await flakyServer();
  procs.push(spawnService('scheduler', env));
  procs.push(spawnService('worker', env, 'worker-0'), spawnService('worker', env, 'worker-1'));
  const acts = activityWorker(engine);
  const started = await startAll(engine, cases(http.url, 60), prefix);
  await new Promise((r) => setTimeout(r, 700));
  await redisServer.kill();
  await new Promise((r) => setTimeout(r, 500));
  await redisServer.restart();
  await waitAllDoneOrDump(stage, started, 45_000);
  await acts.stop();
  await http.close();
  expect(await verify(engine, started, http)).toEqual([]);
}, 120_000);

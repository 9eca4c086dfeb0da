/**
 * Chaos: the scheduler holding the leader lease is killed with SIGKILL while timers are due;
 * the hot standby takes the lease when it expires and fires them within seconds.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { uniquePrefix } from '@stepwise/testkit';
import { arns } from '@stepwise/protocol';
import { createEngine, IntegrationRegistry, systemClock, type DurableEngine } from '@stepwise/engine';
import { buildServices, spawnService, type ServiceProcess } from './processes.js';
import { SCOPE, waitAllDone } from './workload.js';

let redis: Redis;
let engine: DurableEngine;
const procs: ServiceProcess[] = [];

beforeAll(() => {
  buildServices();
  redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
}, 240_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => p.kill('SIGKILL')));
  await engine?.close();
  redis?.disconnect();
});

it('the standby scheduler fires due timers after the leader is killed', async () => {
  const prefix = uniquePrefix('failover');
  const leaseMs = 1000;
  const env = { REDIS_URL: inject('redisUrl'), STEPWISE_KEY_PREFIX: prefix, STEPWISE_LEADER_LEASE_MS: String(leaseMs) };
  engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry() });
  const leader = spawnService('scheduler', env, 'scheduler-a');
  procs.push(leader);
  // The first scheduler takes the lease; the second starts as a standby.
  const leaseKey = `${prefix}:scheduler:leader`;
  for (let i = 0; i < 100 && !(await redis.get(leaseKey)); i++) await new Promise((r) => setTimeout(r, 50));
  const holderA = await redis.get(leaseKey);
  expect(holderA).toBeTruthy();
  procs.push(spawnService('scheduler', env, 'scheduler-b'), spawnService('worker', env));
  const def = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 2, End: true } } });
  const started: Array<{ arn: string }> = [];
  for (let i = 0; i < 20; i++) {
    const r = await engine.startExecution({ stateMachineArn: arns.stateMachine(SCOPE, 'fo'), stateMachineName: 'fo', definition: def, type: 'STANDARD', name: `e${i}`, input: '{}' });
    started.push({ arn: r.executionArn });
  }
  await new Promise((r) => setTimeout(r, 500));
  const killedAt = Date.now();
  await leader.kill('SIGKILL');
  await waitAllDone(engine, started, 15_000);
  const doneAfter = Date.now() - killedAt;
  expect(doneAfter).toBeLessThan(leaseMs + 4000);
  const holderB = await redis.get(leaseKey);
  expect(holderB).toBeTruthy();
  expect(holderB).not.toBe(holderA);
  for (const s of started) expect((await engine.describeExecution(s.arn)).status).toBe('SUCCEEDED');
}, 60_000);

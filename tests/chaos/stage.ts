/**
 * The stage the Redis-killing chaos tests share: a Redis of their own with AOF and appendfsync
 * always, a client, an engine for the test's key prefix (to start and check executions), the
 * service processes the test spawns, and a teardown that kills whatever is left.
 */
import { Redis } from 'ioredis';
import { startRedis, uniquePrefix, type RedisServer } from '@stepwise/testkit';
import { createEngine, IntegrationRegistry, systemClock, type DurableEngine } from '@stepwise/engine';
import { buildServices, type ServiceProcess } from './processes.js';
import { SCOPE, waitAllDone } from './workload.js';
import { dumpExecution } from './debug.js';

export interface ChaosStage {
  readonly redisServer: RedisServer;
  readonly redis: Redis;
  readonly prefix: string;
  readonly engine: DurableEngine;
  /** The environment every spawned service process gets. */
  readonly env: Readonly<Record<string, string>>;
  readonly procs: ServiceProcess[];
  close(): Promise<void>;
}

export async function chaosStage(label: string): Promise<ChaosStage> {
  buildServices();
  const redisServer = await startRedis({ appendOnly: true, appendFsync: 'always', forceLocalProcess: true });
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined); // a test may kill Redis on purpose; commands wait for it
  const prefix = uniquePrefix(label);
  const engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry() });
  const env = { REDIS_URL: redisServer.url, STEPWISE_KEY_PREFIX: prefix, STEPWISE_WORKER_CONCURRENCY: '16', STEPWISE_LEADER_LEASE_MS: '1000' };
  const procs: ServiceProcess[] = [];
  return {
    redisServer, redis, prefix, engine, env, procs,
    async close() {
      await Promise.all(procs.map((p) => p.kill('SIGKILL')));
      await engine.close();
      redis.disconnect();
      await redisServer.stop();
    },
  };
}

/** Waits until every started execution has ended; when one is stuck, prints its Redis state before failing. */
export async function waitAllDoneOrDump(stage: ChaosStage, started: Array<{ arn: string }>, timeoutMs: number): Promise<void> {
  try {
    await waitAllDone(stage.engine, started, timeoutMs);
  } catch (e) {
    const stuck = /e\.g\. (\S+)/.exec(String(e))?.[1];
    if (stuck) console.error(await dumpExecution(stage.redis, stage.prefix, stuck));
    throw e;
  }
}

import { afterEach, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { loadConfig } from '@stepwise/config';
import { uniquePrefix } from '@stepwise/testkit';
import { arns } from '@stepwise/protocol';
import { createEngine, IntegrationRegistry, systemClock, type DurableEngine } from '@stepwise/engine';
import { startWorker, type WorkerHandle } from '../src/index.js';

const SCOPE = { region: 'us-east-1', accountId: '123456789012' };

describe('worker process body', () => {
  let handle: WorkerHandle | undefined;
  let engine: DurableEngine | undefined;
  let redis: Redis | undefined;
  afterEach(async () => {
    await handle?.close();
    await engine?.close();
    redis?.disconnect();
    handle = undefined;
    engine = undefined;
    redis = undefined;
  });

  it('serves /healthz and /readyz and runs executions with an in-process handler', async () => {
    const prefix = uniquePrefix('wrk');
    const config = loadConfig({ REDIS_URL: inject('redisUrl'), STEPWISE_KEY_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STEPWISE_WORKER_CONCURRENCY: '4' });
    handle = await startWorker(config, { handlers: { double: async (x) => (x as number) * 2 } });
    expect(handle.port).toBeGreaterThan(0);
    expect((await fetch(`http://127.0.0.1:${handle.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${handle.port}/readyz`)).status).toBe(200);
    redis = new Redis(inject('redisUrl'));
    engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, integrations: new IntegrationRegistry() });
    const def = JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'double', End: true } } });
    const { executionArn } = await engine.startExecution({ stateMachineArn: arns.stateMachine(SCOPE, 'w'), stateMachineName: 'w', definition: def, type: 'STANDARD', input: '21' });
    let d = await engine.describeExecution(executionArn);
    for (let i = 0; i < 200 && d.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      d = await engine.describeExecution(executionArn);
    }
    expect(d.status).toBe('SUCCEEDED');
    expect(d.output).toBe('42');
  });

  it('refuses to start without REDIS_URL, naming the variable', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    await expect(startWorker(config)).rejects.toThrow(/REDIS_URL/);
  });
});

// KEDA scales workers on the length of a Redis list: the advance queue's BullMQ wait list. The
// manifest's key is pinned to advanceWaitListKey() (kustomize.test.ts); this test checks that the
// function names the list the engine really fills: started executions with no worker running
// wait there, and a worker drains it.
import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseAllDocuments } from 'yaml';
import { advanceWaitListKey, createEngine, createKeys, IntegrationRegistry, startWorkers, systemClock } from '@stepwise/engine';
import { arns } from '@stepwise/protocol';
import { uniquePrefix } from '@stepwise/testkit';
import { repoRoot } from './support/deploy-files.js';

const SCOPE = { region: 'us-east-1', accountId: '123456789012' };

describe('the KEDA scaler key', () => {
  it('is the list where advance jobs wait for a worker', async () => {
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const prefix = uniquePrefix('keda').replace(/-/g, '');
    const engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, timeScale: 1, integrations: new IntegrationRegistry({ bullmqConnection: redis }) });
    const key = advanceWaitListKey(createKeys(prefix));
    try {
      const definition = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
      const smArn = arns.stateMachine(SCOPE, 'Keda');
      const started = [];
      for (let i = 0; i < 3; i++) started.push(await engine.startExecution({ stateMachineArn: smArn, stateMachineName: 'Keda', definition, type: 'STANDARD', input: '{}' }));
      expect(await redis.type(key)).toBe('list');
      expect(await redis.llen(key)).toBe(3);

      const workers = startWorkers(engine.core, { concurrency: 4 });
      try {
        const until = Date.now() + 10_000;
        while ((await redis.llen(key)) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        expect(await redis.llen(key)).toBe(0);
        for (const s of started) {
          let d = await engine.describeExecution(s.executionArn);
          while (d.status === 'RUNNING' && Date.now() < until) d = await new Promise((r) => setTimeout(r, 20)).then(() => engine.describeExecution(s.executionArn));
          expect(d.status).toBe('SUCCEEDED');
        }
      } finally {
        await workers.close(true);
      }
    } finally {
      await engine.close();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });

  it('the base manifest uses it for the default key prefix', () => {
    const docs = parseAllDocuments(readFileSync(join(repoRoot, 'k8s/base/keda-worker-scaledobject.yaml'), 'utf8')).map((d) => d.toJSON() as { spec: { triggers: { metadata: { listName: string } }[] } });
    const cm = parseAllDocuments(readFileSync(join(repoRoot, 'k8s/base/configmap.yaml'), 'utf8'))[0]!.toJSON() as { data: { STEPWISE_KEY_PREFIX: string } };
    expect(docs[0]!.spec.triggers[0]!.metadata.listName).toBe(advanceWaitListKey(createKeys(cm.data.STEPWISE_KEY_PREFIX)));
  });
});

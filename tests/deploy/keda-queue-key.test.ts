// KEDA scales workers on the length of a Redis list: the advance queue's BullMQ wait list. The
// manifest's key is pinned to advanceWaitListKey() (kustomize.test.ts); this test checks that the
// function names the list the engine's advance queue (BullMQ, this version) really fills.
import { describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseAllDocuments } from 'yaml';
import { advanceWaitListKey, expressWaitListKey, createEngine, createKeys, IntegrationRegistry, systemClock } from '@stepwise/engine';
import { uniquePrefix } from '@stepwise/testkit';
import { repoRoot } from './support/deploy-files.js';

const SCOPE = { region: 'us-east-1', accountId: '123456789012' };

describe('the KEDA scaler key', () => {
  it('is the list where the engine\'s advance queue keeps waiting jobs', async () => {
    const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
    const prefix = uniquePrefix('keda').replace(/-/g, '');
    const engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, scope: SCOPE, timeScale: 1, integrations: new IntegrationRegistry({ bullmqConnection: redis }) });
    const key = advanceWaitListKey(createKeys(prefix));
    try {
      // Jobs added through the engine's own advance queue, with no worker running, wait in that list.
      const queue = engine.core.advanceQueue;
      for (let i = 0; i < 3; i++) await queue.add('advance', { e: `Keda.e${i}`, f: 'root', v: 1 }, { jobId: `Keda.e${i}|root|1` });
      expect(await redis.type(key)).toBe('list');
      expect(await redis.llen(key)).toBe(3);
      expect((await queue.getJobCounts('waiting'))['waiting']).toBe(3);
      await queue.obliterate({ force: true });
      expect(await redis.llen(key)).toBe(0);
      // and the express queue's jobs (asynchronous EXPRESS runs) in theirs
      const express = engine.core.expressQueue;
      await express.add('express', { n: 1 }, { jobId: 'Keda.x1' });
      expect(await redis.llen(expressWaitListKey(createKeys(prefix)))).toBe(1);
      await express.obliterate({ force: true });
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
    expect(docs[0]!.spec.triggers[1]!.metadata.listName).toBe(expressWaitListKey(createKeys(cm.data.STEPWISE_KEY_PREFIX)));
  });
});

import { afterEach, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '@stepwise/config';
import { uniquePrefix } from '@stepwise/testkit';
import { startScheduler, type SchedulerHandle } from '../src/index.js';

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('scheduler leader lease', () => {
  const handles: SchedulerHandle[] = [];
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.close()));
  });

  it('one scheduler leads, the other stands by and takes over when the leader stops', async () => {
    const prefix = uniquePrefix('sch');
    const config = loadConfig({ REDIS_URL: inject('redisUrl'), STEPWISE_KEY_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STEPWISE_LEADER_LEASE_MS: '600' });
    const a = await startScheduler(config);
    handles.push(a);
    await until(() => a.isLeader());
    const b = await startScheduler(config);
    handles.push(b);
    await new Promise((r) => setTimeout(r, 400));
    expect(b.isLeader()).toBe(false);
    expect((await fetch(`http://127.0.0.1:${b.port}/readyz`)).status).toBe(200);
    await a.close();
    handles.splice(handles.indexOf(a), 1);
    await until(() => b.isLeader(), 2000);
  });
});

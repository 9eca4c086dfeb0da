import { describe, expect, it, inject } from 'vitest';
import { Redis } from 'ioredis';
import { startRedis } from '../src/index.js';

describe('testkit redis', () => {
  it('the shared run-wide server answers on loopback', async () => {
    const url = inject('redisUrl');
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const r = new Redis(url);
    expect(await r.ping()).toBe('PONG');
    await r.quit();
  });

  it('a server with AOF keeps acknowledged writes across a kill and restart', async () => {
    const srv = await startRedis({ appendOnly: true, appendFsync: 'always' });
    try {
      const r = new Redis(srv.url, { maxRetriesPerRequest: null });
      await r.set('k', 'v');
      await srv.kill();
      await srv.restart();
      expect(await r.get('k')).toBe('v');
      r.disconnect();
    } finally {
      await srv.stop();
    }
  });
});

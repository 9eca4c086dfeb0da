// The api as `npm run start:api` starts it (startApi), against its own Redis server: it warns at
// startup when authentication is off, and /readyz follows Redis: 503 while Redis does not answer,
// 200 again once it is back (the connection reconnects by itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { loadConfig } from '@stepwise/config';
import { createLogger } from '@stepwise/observability';
import { startRedis, uniquePrefix, type RedisServer } from '@stepwise/testkit';
import { startApi, type ApiHandle } from '../src/server.js';
import { READY_PING_MS } from '../src/app.js';

interface Line {
  readonly level: string;
  readonly msg: string;
  readonly [k: string]: unknown;
}

let redis: RedisServer;
let api: ApiHandle;
const lines: Line[] = [];

beforeAll(async () => {
  redis = await startRedis({ forceLocalProcess: true });
  const config = loadConfig({ STEPWISE_ENV: 'test', REDIS_URL: redis.url, STEPWISE_KEY_PREFIX: uniquePrefix('startapi'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l.trim() !== '') lines.push(JSON.parse(l) as Line);
      done();
    },
  });
  api = await startApi(config, { logger: createLogger({ service: 'api', level: 'info', destination }) });
});
afterAll(async () => {
  await api?.close();
  await redis?.stop();
});

async function readyz(): Promise<{ status: number; body: { status: string; redis: string }; ms: number }> {
  const t0 = Date.now();
  const res = await fetch(`${api.url}/readyz`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: (await res.json()) as { status: string; redis: string }, ms: Date.now() - t0 };
}

describe('startApi', () => {
  it('warns once at startup that authentication is off (the local default)', () => {
    const warnings = lines.filter((l) => l.level === 'warn' && l.msg.startsWith('authentication is OFF'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ service: 'api', STEPWISE_AUTH: 'none' });
    expect(warnings[0]!.msg).toContain('STEPWISE_AUTH=required');
    // before the line that says it listens
    const listening = lines.findIndex((l) => l.msg.startsWith('api listening on'));
    expect(listening).toBeGreaterThan(lines.indexOf(warnings[0]!));
  });

  it('/readyz answers 503 while Redis does not answer, and 200 again once it is back', async () => {
    expect(await readyz()).toMatchObject({ status: 200, body: { status: 'ready', redis: 'ok' } });
    await redis.kill();
    const down = await readyz();
    expect(down).toMatchObject({ status: 503, body: { status: 'not ready' } });
    // answered within the ping's bound, not held until Redis returns
    expect(down.ms).toBeLessThan(READY_PING_MS + 4000);
    await redis.restart();
    const deadline = Date.now() + 15_000;
    let up = await readyz();
    while (up.status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      up = await readyz();
    }
    expect(up).toMatchObject({ status: 200, body: { status: 'ready', redis: 'ok' } });
  });
});

describe('startApi with authentication required', () => {
  it('does not warn', async () => {
    const own: Line[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n')) if (l.trim() !== '') own.push(JSON.parse(l) as Line);
        done();
      },
    });
    const config = loadConfig({
      STEPWISE_ENV: 'test', REDIS_URL: redis.url, STEPWISE_KEY_PREFIX: uniquePrefix('startapi'), PORT: '0', HOST: '127.0.0.1',
      STEPWISE_AUTH: 'required', STEPWISE_ACCESS_KEYS: 'AKIDX:secret-x', STEPWISE_API_TOKENS: 'token-x',
    });
    const second = await startApi(config, { logger: createLogger({ service: 'api', level: 'info', destination }) });
    await second.close();
    expect(own.some((l) => l.msg.startsWith('api listening on'))).toBe(true);
    expect(own.filter((l) => l.level === 'warn')).toEqual([]);
  });
});

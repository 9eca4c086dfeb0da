// `npm start` in-process: api + scheduler + worker on a given Redis, and the embedded
// redis-server (AOF on, data in the folder it names) when no REDIS_URL is set.
import { afterAll, describe, expect, it, inject } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sfn from '@aws-sdk/client-sfn';
import { loadConfig } from '@stepwise/config';
import { createLogger } from '@stepwise/observability';
import { uniquePrefix } from '@stepwise/testkit';
import { createServer, type AddressInfo } from 'node:net';
import { startAllInOne, startEmbeddedRedis, EmbeddedRedisError, PortInUseError } from '@stepwise/all-in-one';

const silent = createLogger({ service: 'all-in-one', level: 'silent' });
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function runWait(url: string): Promise<sfn.DescribeExecutionCommandOutput> {
  const client = new sfn.SFNClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, disableHostPrefix: true, maxAttempts: 1 });
  try {
    const def = JSON.stringify({ StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, Next: 'P' }, P: { Type: 'Pass', Result: 'done', End: true } } });
    const sm = await client.send(new sfn.CreateStateMachineCommand({ name: 'wait', definition: def, roleArn: 'arn:aws:iam::123456789012:role/r' }));
    const { executionArn } = await client.send(new sfn.StartExecutionCommand({ stateMachineArn: sm.stateMachineArn }));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const d = await client.send(new sfn.DescribeExecutionCommand({ executionArn }));
      if (d.status !== 'RUNNING' || Date.now() > deadline) return d;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    client.destroy();
  }
}

describe('all-in-one', () => {
  it('runs api, scheduler (timers) and worker on the Redis at REDIS_URL', async () => {
    const config = loadConfig({ STEPWISE_ENV: 'test', LOG_LEVEL: 'silent', REDIS_URL: inject('redisUrl'), PORT: '0', HOST: '127.0.0.1', STEPWISE_KEY_PREFIX: uniquePrefix('aio'), STEPWISE_LEADER_LEASE_MS: '500' });
    const app = await startAllInOne(config, { logger: silent });
    try {
      expect(app.embedded).toBeUndefined();
      const d = await runWait(app.api.url);
      expect(d.status).toBe('SUCCEEDED');
      expect(d.output).toBe('"done"');
      const metrics = await (await fetch(`${app.api.url}/metrics`)).text();
      expect(metrics).toContain('stepwise_api_requests_total');
    } finally {
      await app.close();
    }
  });

  it('starts its own redis-server with AOF in the data folder when REDIS_URL is unset', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-aio-'));
    dirs.push(dataDir);
    const config = loadConfig({ STEPWISE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', STEPWISE_DATA_DIR: dataDir, STEPWISE_LEADER_LEASE_MS: '500' });
    const app = await startAllInOne(config, { logger: silent });
    try {
      expect(app.embedded?.dataDir).toBe(dataDir);
      expect(app.redisUrl).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect((await runWait(app.api.url)).status).toBe('SUCCEEDED');
      const files = readdirSync(dataDir, { recursive: true }).map(String);
      expect(files.some((f) => f.includes('appendonly'))).toBe(true);
    } finally {
      await app.close();
    }
    expect(app.embedded?.child?.exitCode !== null || app.embedded?.child?.signalCode !== null).toBe(true);
    expect(existsSync(join(dataDir, 'embedded-redis.json'))).toBe(false);
  });

  it('reuses a redis-server still running on its data folder instead of starting a second one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-aio-'));
    dirs.push(dataDir);
    const first = await startEmbeddedRedis(dataDir);
    try {
      const second = await startEmbeddedRedis(dataDir);
      expect(second.port).toBe(first.port);
      expect(second.child).toBeUndefined();
    } finally {
      await first.stop();
    }
  });

  it('stops everything it started when the api port is taken, and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-aio-'));
    dirs.push(dataDir);
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const config = loadConfig({ STEPWISE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', STEPWISE_DATA_DIR: dataDir });
      const err = await startAllInOne(config, { logger: silent }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortInUseError);
      expect((err as Error).message).toContain(`port ${port} is in use`);
      expect(existsSync(join(dataDir, 'embedded-redis.json'))).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('says what to install or set when redis-server is missing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'stepwise-aio-'));
    dirs.push(dataDir);
    const err = await startEmbeddedRedis(dataDir, { binary: join(dataDir, 'no-such-redis-server') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddedRedisError);
    expect((err as Error).message).toContain('redis-server is not installed');
    expect((err as Error).message).toContain('apt-get install redis-server');
    expect((err as Error).message).toContain('REDIS_URL');
    expect(existsSync(dataDir)).toBe(true);
  });
});

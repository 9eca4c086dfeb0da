// The built api, started as the image starts it (`node --import libs/observability/dist/register.js
// services/api/dist/main.js`), exports the spans of its requests over OTLP/HTTP to the configured
// endpoint: the AWS protocol call arrives as an HTTP server span with express's spans beneath and
// the Redis commands it ran. Needs the build (npm test builds first); skips, saying so, without it.
import { describe, expect, inject, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SFNClient, ListStateMachinesCommand } from '@aws-sdk/client-sfn';
import { freePort, uniquePrefix } from '@stepwise/testkit';
import { repoRoot } from './support/deploy-files.js';

const register = join(repoRoot, 'libs/observability/dist/register.js');
const api = join(repoRoot, 'services/api/dist/main.js');
const built = existsSync(register) && existsSync(api);
if (!built) console.warn('the api or libs/observability is not built: skipping the api trace export test (npm run build)');

describe.skipIf(!built)('the api exports its traces', () => {
  it('sends OTLP spans for an AWS protocol call, with express and ioredis spans, to the configured endpoint', async () => {
    const bodies: { path: string; body: string }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('latin1') });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    const port = await freePort();
    let log = '';
    const child = spawn(process.execPath, ['--import', register, api], {
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        REDIS_URL: inject('redisUrl'),
        STEPWISE_KEY_PREFIX: uniquePrefix('apitrace').replace(/-/g, ''),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        STEPWISE_ENV: 'test',
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
        OTEL_SERVICE_NAME: 'stepwise-api',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-3000)));
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-3000)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const until = Date.now() + 30_000;
      while (!(await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false))) {
        if (child.exitCode !== null || Date.now() > until) throw new Error(`api did not start: ${log}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const sfn = new SFNClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' }, maxAttempts: 1 });
      const res = await sfn.send(new ListStateMachinesCommand({}));
      expect(res.stateMachines).toEqual([]);
      sfn.destroy();
      // Spans are exported in batches every second.
      const flushed = Date.now() + 5_000;
      while (!bodies.some((b) => b.body.includes('"stepwise-api"')) && Date.now() < flushed) await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      expect(await exited, log).toBe(0);
      const traces = bodies.filter((b) => b.path === '/v1/traces').map((b) => b.body).join('\n');
      expect(bodies.every((b) => b.path === '/v1/traces')).toBe(true);
      expect(traces).toContain('"stepwise-api"');
      expect(traces).toMatch(/"name":"POST[^"]*"/);
      expect(traces).toContain('"http.request.method"');
      expect(traces).toMatch(/request handler|router|middleware/);
      expect(traces).toMatch(/"db\.system(\.name)?","value":\{"stringValue":"redis"/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await new Promise((r) => collector.close(r));
    }
  });
});

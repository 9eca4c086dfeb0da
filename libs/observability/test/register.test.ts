// The service preload (`node --import libs/observability/dist/register.js`) instruments an ESM
// service's express routes, outgoing HTTP and ioredis commands and exports their spans over
// OTLP/HTTP, traces only. Needs the built package (npm test builds first).
import { describe, expect, it, inject } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const root = new URL('../../../', import.meta.url).pathname;
const register = join(root, 'libs/observability/dist/register.js');
const built = existsSync(register);
if (!built) console.warn('libs/observability is not built: skipping the preload test (run `npx tsc -b libs/observability`)');

// A tiny ESM service: an express route that pings Redis, called once, then SIGTERM.
const APP = `
import express from 'express';
import { Redis } from 'ioredis';
const app = express();
const redis = new Redis(process.env.TEST_REDIS_URL);
app.get('/hello/:name', async (req, res) => { await redis.ping(); res.json({ hi: req.params.name }); });
const server = app.listen(0, '127.0.0.1', async () => {
  const r = await fetch('http://127.0.0.1:' + server.address().port + '/hello/x');
  console.log('status ' + r.status);
  server.close(); redis.disconnect();
  process.kill(process.pid, 'SIGTERM');
});
`;

describe.skipIf(!built)('service preload', () => {
  it('instruments express, http and ioredis in an ESM process and exports only traces', async () => {
    const received: { path: string; body: string }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('latin1') });
        res.end('{}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    // The app must resolve express and ioredis from the repository's node_modules.
    const dir = mkdtempSync(join(root, 'node_modules/.stepwise-preload-'));
    try {
      writeFileSync(join(dir, 'app.mjs'), APP);
      const port = (collector.address() as AddressInfo).port;
      const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        let stdout = '';
        const child = spawn(process.execPath, ['--import', register, join(dir, 'app.mjs')], {
          env: { PATH: process.env['PATH'] ?? '', OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: 'stepwise-preload-test', TEST_REDIS_URL: inject('redisUrl') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
        child.on('exit', (code) => resolve({ code, stdout }));
      });
      expect(out.stdout).toContain('status 200');
      expect(out.code, out.stdout).toBe(143);
      expect(received.map((r) => r.path)).toEqual(received.map(() => '/v1/traces'));
      const body = received.map((r) => r.body).join('\n');
      expect(body).toContain('stepwise-preload-test');
      expect(body).toContain('GET /hello/:name');
      expect(body).toMatch(/request handler/);
      expect(body).toContain('ping');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await new Promise((r) => collector.close(r));
    }
  });
});

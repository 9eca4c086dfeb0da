import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import express from 'express';
import { consoleRouter } from '../src/console-static.js';

describe('consoleRouter', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
  let server: Server;
  let base = '';
  beforeAll(async () => {
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    const app = express();
    app.use(consoleRouter(dir));
    app.post('/', (_req, res) => res.json({ protocol: true }));
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    base = typeof addr === 'object' && addr ? `http://127.0.0.1:${addr.port}` : '';
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/state-machines', '/state-machines/arn%3Aaws%3Astates%3Aus-east-1%3A123456789012%3AstateMachine%3Ax', '/executions/arn%3Ax', '/approvals', '/activities'])(
    'answers the deep link %s with index.html',
    async (p) => {
      const res = await fetch(base + p, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    },
  );

  it('serves hashed assets and 404s a missing one', async () => {
    const ok = await fetch(`${base}/assets/index-abc.js`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('console.log(1)');
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
  });

  it('leaves POST / to the AWS protocol', async () => {
    const res = await fetch(`${base}/`, { method: 'POST' });
    expect(await res.json()).toEqual({ protocol: true });
  });
});

/**
 * Starts what the console's end-to-end tests and screenshots need: the whole of Stepwise serving
 * the built console on one port over a real Redis, and headless Debian chromium through
 * playwright-core (no browser download). Stepwise runs as the real all-in-one process when it is
 * built (services/all-in-one/dist/main.js); before that, as the same parts composed in this
 * process (api app, durable engine, workers, timer loop).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext } from 'playwright-core';
import { servicesBuilt, startService, stopService, waitReady } from './support/service-process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Why browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is missing (apt-get install chromium): console browser tests skipped`;
}

/** Builds the console when its dist is absent (the api serves services/console/dist). */
export function ensureConsoleBuilt(): void {
  if (existsSync(path.join(root, 'services/console/dist/index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build'], { cwd: path.join(root, 'services/console'), stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build of the console failed');
}

export interface Stack {
  readonly url: string;
  close(): Promise<void>;
}

/** Stepwise on a free loopback port, over the Redis at redisUrl with its own key prefix. */
export async function startStack(redisUrl: string, prefix: string, env: Record<string, string> = {}): Promise<Stack> {
  ensureConsoleBuilt();
  if (servicesBuilt('all-in-one')) {
    const { freePort } = await import('@stepwise/testkit');
    const port = await freePort();
    const child = startService('all-in-one', { REDIS_URL: redisUrl, PORT: String(port), STEPWISE_KEY_PREFIX: prefix, ...env });
    const url = `http://127.0.0.1:${port}`;
    await waitReady(url, child).catch(async (e: unknown) => {
      await stopService(child, 0);
      throw e;
    });
    return { url, close: () => stopService(child) };
  }
  return startInProcess(redisUrl, prefix, env);
}

async function startInProcess(redisUrl: string, prefix: string, env: Record<string, string>): Promise<Stack> {
  const { Redis } = await import('ioredis');
  const { loadConfig } = await import('@stepwise/config');
  const { Registry, IntegrationRegistry, createEngine, registryResolver, startTimerLoop, startWorkers, systemClock } = await import('@stepwise/engine');
  const { validateDefinition, formatInvalidDefinition } = await import('@stepwise/asl');
  const { createApp } = await import('../../services/api/src/app.js');
  const config = loadConfig({ STEPWISE_ENV: 'test', STEPWISE_KEY_PREFIX: prefix, ...env });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const scope = { region: config.STEPWISE_REGION, accountId: config.STEPWISE_ACCOUNT_ID };
  const registry = new Registry({ redis, prefix, scope });
  const engine = createEngine({ redis, keyPrefix: prefix, clock: systemClock, timeScale: config.STEPWISE_TIME_SCALE, scope, integrations: new IntegrationRegistry(), resolveStateMachine: registryResolver(registry) });
  const workers = startWorkers(engine.core, { concurrency: 4 });
  const timers = startTimerLoop(engine.core);
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => quiet };
  const app = createApp({
    engine,
    registry,
    config,
    definitions: { validate: (d: unknown) => validateDefinition(d), formatInvalid: (ds) => formatInvalidDefinition(ds) },
    ping: () => redis.ping(),
    logger: quiet,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await waitReady(url);
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await timers.stop();
      await workers.close(true);
      await engine.close();
      redis.disconnect();
    },
  };
}

/** Headless Debian chromium with a fresh profile; close() removes the profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'stepwise-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A REST call to the stack; a non-2xx answer throws with its status and body. */
export async function rest<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * The built services as child processes, the way the e2e tests run them: `node
 * services/<name>/dist/main.js` from the repository root, with a minimal environment (no
 * inherited REDIS_URL or PORT that could point a test at a shared server), stopped with SIGTERM
 * and killed after a grace period so no test run hangs on a process that does not stop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export type ServiceName = 'api' | 'worker' | 'scheduler' | 'all-in-one';

export function serviceMain(service: ServiceName): string {
  return path.join(repoRoot, `services/${service}/dist/main.js`);
}

export function servicesBuilt(...services: ServiceName[]): boolean {
  return services.every((s) => existsSync(serviceMain(s)));
}

/** Starts a built service; `env` comes on top of PATH, HOME, HOST=127.0.0.1 and LOG_LEVEL=warn. */
export function startService(service: ServiceName, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, [serviceMain(service)], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Never outlive the test process, even when a test ends without stopping it.
  const reap = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', reap);
  child.once('exit', () => process.off('exit', reap));
  return child;
}

/** Resolves once `${url}/readyz` answers 200; fails fast when the process (if any) exits first. */
export async function waitReady(url: string, child?: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`${child.spawnargs.at(-1) ?? 'process'} exited with ${child.exitCode} before ${url}/readyz answered`);
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return;
    if (Date.now() > until) throw new Error(`${url} did not become ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopService(child: ChildProcess | undefined, graceMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(kill);
}

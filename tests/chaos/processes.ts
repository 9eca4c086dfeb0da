/**
 * Spawns the built worker and scheduler services as real processes (node services/<name>/dist/
 * main.js) against a test Redis and key prefix, and kills them with SIGKILL or SIGTERM.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Builds the services once per test file (incremental: fast when nothing changed). */
export function buildServices(): void {
  try {
    execFileSync('npx', ['tsc', '-b', 'services/worker', 'services/scheduler'], { cwd: root, stdio: 'pipe', timeout: 240_000 });
  } catch (e) {
    // A package being edited elsewhere may not build this minute: run the last build if there is one.
    const built = ['worker', 'scheduler'].every((s) => existsSync(`${root}services/${s}/dist/main.js`));
    if (!built) throw e;
    process.stderr.write(`chaos: build failed, running the previous build of the services\n`);
  }
}

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnService(service: 'worker' | 'scheduler', env: Record<string, string>, name: string = service): ServiceProcess {
  const child = spawn(process.execPath, [`services/${service}/dist/main.js`], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', STEPWISE_ENV: 'test', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    child,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
    toString: () => stderr,
  } as ServiceProcess;
}

/**
 * Real Redis servers for tests. Where a Docker engine answers, a Redis container is started with
 * testcontainers; otherwise a `redis-server` child process is spawned on a free loopback port with
 * its own data folder. Never a mock: the engine's Lua scripts and BullMQ need the real thing.
 */
import { spawn, type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, connect } from 'node:net';

export interface RedisServerOptions {
  /** Turn the append-only file on (needed by restart-survival tests). */
  readonly appendOnly?: boolean;
  /** `always` or `everysec` (default `everysec`). */
  readonly appendFsync?: 'always' | 'everysec' | 'no';
  /** Force the spawned `redis-server` even where Docker answers. */
  readonly forceLocalProcess?: boolean;
}

export interface RedisServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** How it was started: `container` or `process`. */
  readonly kind: 'container' | 'process';
  /** Stop the server abruptly (SIGKILL for a process) keeping its data folder. */
  kill(): Promise<void>;
  /** Start it again on the same port and data folder (reloads the AOF when on). */
  restart(): Promise<void>;
  /** Stop and remove everything. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1, as the OS hands it out. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** True when a Docker engine answers `docker info` within two seconds. */
export async function dockerEngineAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = execFile('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 2000 }, (err, stdout) => {
      resolve(!err && stdout.trim().length > 0);
    });
    child.on('error', () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.write('PING\r\n');
      });
      s.once('data', (d) => {
        s.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function startProcess(opts: RedisServerOptions): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'stepwise-redis-'));
  let child: ChildProcess | undefined;
  const args = [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--appendonly', opts.appendOnly ? 'yes' : 'no',
    '--appendfsync', opts.appendFsync ?? 'everysec',
    '--loglevel', 'warning',
    // Redis 7.0 misparses an empty argument in the middle of the line: keep `--save ""` last.
    '--save', '',
  ];
  const launch = async () => {
    child = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let failed: Error | undefined;
    child.on('error', (e) => {
      failed = new Error(`could not start redis-server (${e.message}); install it (apt-get install redis-server) or start Docker`);
    });
    try {
      await waitForPort(port, 10_000);
    } catch (e) {
      throw failed ?? e;
    }
  };
  const killChild = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    kind: 'process',
    kill: killChild,
    restart: async () => {
      await killChild();
      await launch();
    },
    stop: async () => {
      await killChild();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startContainer(opts: RedisServerOptions): Promise<RedisServer> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const cmd = ['redis-server', '--save', '', '--appendonly', opts.appendOnly ? 'yes' : 'no', '--appendfsync', opts.appendFsync ?? 'everysec'];
  const container = await new GenericContainer('redis:7-alpine').withExposedPorts(6379).withCommand(cmd).withWaitStrategy(Wait.forLogMessage('Ready to accept connections')).start();
  const host = '127.0.0.1';
  const port = container.getMappedPort(6379);
  return {
    url: `redis://${host}:${port}`,
    host,
    port,
    kind: 'container',
    kill: async () => {
      await container.stop({ timeout: 0, remove: false });
    },
    restart: async () => {
      await container.restart();
    },
    stop: async () => {
      await container.stop();
    },
  };
}

/** Start a real Redis for a test run: a container where Docker answers, else a local process. */
export async function startRedis(opts: RedisServerOptions = {}): Promise<RedisServer> {
  if (!opts.forceLocalProcess && !opts.appendOnly && (await dockerEngineAnswers())) {
    try {
      return await startContainer(opts);
    } catch {
      // Docker answered but could not run the container (no image, no network): use a process.
    }
  }
  return startProcess(opts);
}

/**
 * The embedded Redis of `npm start`: when no REDIS_URL is set, a `redis-server` child process on
 * 127.0.0.1 (port 6380 when free, else any free port), with the append-only file on and its data
 * in STEPWISE_DATA_DIR, so executions survive a restart of the all-in-one process. When
 * redis-server cannot be started, the error says exactly what to install or set.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer, connect } from 'node:net';

export const PREFERRED_PORT = 6380;

export class EmbeddedRedisError extends Error {
  override readonly name = 'EmbeddedRedisError';
}

export interface EmbeddedRedis {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The redis-server this process started; undefined when it found one still running on the folder. */
  readonly child?: ChildProcess;
  stop(): Promise<void>;
}

/** `<dataDir>/embedded-redis.json`: which redis-server serves the folder, so a second start reuses it. */
interface Marker {
  readonly pid: number;
  readonly port: number;
}

function readMarker(dir: string): Marker | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'embedded-redis.json'), 'utf8')) as Partial<Marker>;
    return typeof m.pid === 'number' && typeof m.port === 'number' ? { pid: m.pid, port: m.port } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

async function anyFreePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => res(port));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect({ host: '127.0.0.1', port }, () => s.write('PING\r\n'));
    s.once('data', (d) => {
      s.destroy();
      res(d.toString().startsWith('+PONG'));
    });
    s.once('error', () => res(false));
  });
}

export const INSTALL_HINT =
  'Stepwise needs Redis. Either install redis-server so `npm start` can run its own ' +
  '(Debian/Ubuntu: sudo apt-get install redis-server; Fedora: sudo dnf install redis; macOS: brew install redis), ' +
  'or set REDIS_URL to a Redis you run (for example REDIS_URL=redis://127.0.0.1:6379, or `docker run -p 6379:6379 redis:7`).';

export async function startEmbeddedRedis(dataDir: string, opts: { readonly binary?: string; readonly preferredPort?: number } = {}): Promise<EmbeddedRedis> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  // A redis-server left running on this folder (its parent was killed) is reused: two servers must
  // never write the same append-only file.
  const marker = readMarker(dir);
  if (marker && alive(marker.pid) && (await answersPing(marker.port))) {
    return {
      url: `redis://127.0.0.1:${marker.port}`,
      port: marker.port,
      dataDir: dir,
      async stop() {
        if (alive(marker.pid)) process.kill(marker.pid, 'SIGTERM');
        rmSync(join(dir, 'embedded-redis.json'), { force: true });
      },
    };
  }
  const preferred = opts.preferredPort ?? PREFERRED_PORT;
  const port = (await portFree(preferred)) ? preferred : await anyFreePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'everysec', '--loglevel', 'warning', '--save', ''];
  const child = spawn(opts.binary ?? 'redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const failure = new Promise<never>((_, rej) => {
    child.once('error', (e: NodeJS.ErrnoException) => {
      rej(new EmbeddedRedisError(e.code === 'ENOENT' ? `No REDIS_URL is set and redis-server is not installed. ${INSTALL_HINT}` : `Could not start redis-server (${e.message}). ${INSTALL_HINT}`));
    });
    child.once('exit', (code) => rej(new EmbeddedRedisError(`redis-server exited at start (code ${code}): ${stderr.trim()}. ${INSTALL_HINT}`)));
  });
  failure.catch(() => undefined);
  const ready = (async () => {
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (Date.now() > deadline) throw new EmbeddedRedisError(`redis-server did not answer on 127.0.0.1:${port} within 10 s. ${INSTALL_HINT}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    await Promise.race([ready, failure]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  child.removeAllListeners('exit');
  if (child.pid !== undefined) writeFileSync(join(dir, 'embedded-redis.json'), JSON.stringify({ pid: child.pid, port }));
  // Stop the server with this process on any ordinary exit (a crash included).
  const onExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', onExit);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dataDir: dir,
    child,
    async stop() {
      process.removeListener('exit', onExit);
      rmSync(join(dir, 'embedded-redis.json'), { force: true });
      if (child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((res) => {
        child.once('exit', () => res());
        // SIGTERM: redis-server flushes the AOF and exits.
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}

/**
 * Shared pieces of the api scenarios: the api (AWS protocol) over the durable engine with its
 * workers draining, a bare express + Redis MULTI + BullMQ add handler as the baseline, a
 * keep-alive HTTP load generator (closed loop for the maximum rate, open loop at a fixed rate for
 * latency), and SigV4 signing as the AWS SDK does it. No `run` export: bench/run.ts skips it.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createHash, createHmac, randomUUID, type Hash, type Hmac } from 'node:crypto';
import express from 'express';
import { Redis } from 'ioredis';
import { Queue, Worker } from 'bullmq';
import { pino } from 'pino';
import { SignatureV4 } from '@smithy/signature-v4';
import { loadConfig } from '@stepwise/config';
import { engineFromConfig, startWorkers } from '@stepwise/engine';
import { createLogger } from '@stepwise/observability';
import { uniquePrefix } from '@stepwise/testkit';
import { createApp, productionDeps } from '@stepwise/api';
import { percentile } from './engine-common.js';

export interface Stack {
  readonly port: number;
  close(): Promise<void>;
}

export const ACCESS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' };

async function listen(app: express.Express): Promise<{ server: http.Server; port: number }> {
  const server: http.Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  server.keepAliveTimeout = 60_000;
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * The api with the durable engine; the workers run in this process (as `npm start` runs them) or,
 * with `workerProcess`, as a separate worker process (services/worker, as deployments run them).
 */
export async function apiStack(redisUrl: string, env: Record<string, string> = {}, workerProcess = false): Promise<Stack & { prefix: string }> {
  const prefix = uniquePrefix('bapi');
  const config = loadConfig({ STEPWISE_ENV: 'test', REDIS_URL: redisUrl, STEPWISE_KEY_PREFIX: prefix, STEPWISE_START_RATE: '1000000', STEPWISE_START_BURST: '1000000', ...env });
  const { engine, redis } = engineFromConfig(config);
  const workers = workerProcess ? childWorker(redisUrl, prefix) : startWorkers(engine.core, { concurrency: 64 });
  const logger = createLogger({ service: 'api', level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) });
  const { server, port } = await listen(createApp(productionDeps(config, redis, engine, logger)));
  return {
    port,
    prefix,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await workers.close(true);
      await engine.close();
      redis.disconnect();
    },
  };
}

function childWorker(redisUrl: string, prefix: string): { close(force?: boolean): Promise<void> } {
  const main = fileURLToPath(new URL('../../services/worker/dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', REDIS_URL: redisUrl, STEPWISE_KEY_PREFIX: prefix, STEPWISE_WORKER_CONCURRENCY: '64', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'ignore'] });
  return {
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(kill);
    },
  };
}

/** The baseline: parse, commit a record and its first history event in one MULTI, add a BullMQ job, answer. */
export async function bareStack(redisUrl: string): Promise<Stack> {
  const prefix = uniquePrefix('bare');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('advance', { connection: redis, prefix });
  const workerConnection = redis.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker('advance', async (job) => {
    await redis.hset(`${prefix}:{${String(job.id)}}:meta`, 'status', 'SUCCEEDED');
  }, { connection: workerConnection, prefix, concurrency: 64 });
  const app = express();
  app.post('/', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const body = JSON.parse((req.body as Buffer).toString('utf8')) as { stateMachineArn: string; input?: string; name?: string };
    const name = body.name ?? randomUUID();
    const id = `bench.${name}`;
    const now = Date.now();
    await redis.multi().hset(`${prefix}:{${id}}:meta`, 'status', 'RUNNING', 'input', body.input ?? '{}', 'startDate', String(now)).rpush(`${prefix}:{${id}}:history`, JSON.stringify({ id: 1, type: 'ExecutionStarted', timestamp: now })).exec();
    await queue.add('advance', { id }, { jobId: id, removeOnComplete: true });
    res.type('application/x-amz-json-1.0').send(JSON.stringify({ executionArn: `arn:aws:states:us-east-1:123456789012:execution:bench:${name}`, startDate: now / 1000 }));
  });
  const { server, port } = await listen(app);
  return {
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await worker.close(true);
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      workerConnection.disconnect();
      redis.disconnect();
    },
  };
}

export interface Target {
  readonly port: number;
  readonly action: string;
  body(i: number): string;
  readonly sign?: boolean;
}

function bytes(d: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof d === 'string') return d;
  return d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}

/** SHA-256 / HMAC-SHA-256 in the shape @smithy/signature-v4 wants, on node:crypto. */
class Sha256 {
  private readonly h: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const signer = new SignatureV4({ credentials: ACCESS, region: 'us-east-1', service: 'states', sha256: Sha256 });

async function send(t: Target, i: number): Promise<number> {
  const body = t.body(i);
  let headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${t.action}`, host: `127.0.0.1:${t.port}`, 'content-length': String(Buffer.byteLength(body)) };
  if (t.sign) {
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: '127.0.0.1', port: t.port, path: '/', headers, body });
    headers = signed.headers as Record<string, string>;
  }
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port: t.port, method: 'POST', path: '/', headers, agent }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - t0) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** One AWS protocol call over the keep-alive agent (a lean client: fetch/undici adds its own milliseconds). */
export function awsCall(port: number, action: string, body: object): Promise<Record<string, unknown>> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/', agent, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${action}`, 'content-length': String(Buffer.byteLength(data)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          if (res.statusCode === 200) resolve(parsed);
          else reject(new Error(`${action}: HTTP ${res.statusCode} ${String(parsed.__type)}`));
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** Closed loop with `concurrency` requests in flight for `ms`: the maximum rate. */
export async function maxRate(t: Target, ms: number, concurrency = 64): Promise<{ requests: number; perSecond: number; errors: number }> {
  let i = 0;
  let errors = 0;
  const end = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await send(t, i++).catch(() => errors++);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { requests: i, perSecond: Math.round((i - errors) / seconds), errors };
}

/** Open loop: `rate` requests per second for `ms`, sent in 10 ms ticks; latency percentiles. */
export async function fixedRate(t: Target, rate: number, ms: number): Promise<{ requests: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let errors = 0;
  let i = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    const due = Math.floor(((performance.now() - t0) / 1000) * rate);
    while (i < due) {
      pending.push(send(t, i++).then((l) => void latencies.push(l), () => void errors++));
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { requests: i, p50: Number(percentile(latencies, 50).toFixed(2)), p99: Number(percentile(latencies, 99).toFixed(2)), errors };
}

export function closeAgent(): void {
  agent.destroy();
}

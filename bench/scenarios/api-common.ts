/**
 * Shared pieces of the api scenarios: the api (AWS protocol) over the durable engine with its
 * workers draining, a bare express + Redis MULTI + BullMQ add handler as the baseline, and a lean
 * AWS protocol client. The load generator is its own process (load-generator.ts). No `run`
 * export: bench/run.ts skips it.
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { Redis } from 'ioredis';
import { Queue, Worker } from 'bullmq';
import { pino } from 'pino';
import { loadConfig } from '@stepwise/config';
import { engineFromConfig, startWorkers } from '@stepwise/engine';
import { createLogger } from '@stepwise/observability';
import { uniquePrefix } from '@stepwise/testkit';
import { createApp, productionDeps } from '@stepwise/api';

export interface Stack {
  readonly port: number;
  close(): Promise<void>;
}

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

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

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

export function closeAgent(): void {
  agent.destroy();
}

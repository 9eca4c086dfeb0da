/**
 * Starts the api app on 127.0.0.1:0 with a real Redis (the run-wide server, a unique prefix),
 * the registry, the durable engine with its workers in this process, a log capture, and gives an
 * unmodified @aws-sdk/client-sfn client pointed at it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import { DescribeExecutionCommand, SFNClient, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { loadConfig } from '@stepwise/config';
import { Registry, engineFromConfig, startWorkers, type EngineCore, type ExecutionEngine } from '@stepwise/engine';
import { uniquePrefix } from '@stepwise/testkit';
import { createApp } from '../../src/app.js';
import type { ApiLogger, AppDeps, DefinitionValidator, Diagnostic } from '../../src/deps.js';

/** Test-only ASL checks (StartAt, States, Next targets) standing in for libs/asl's validator. */
export const testValidator: DefinitionValidator = {
  validate(def: unknown): Diagnostic[] {
    const out: Diagnostic[] = [];
    if (typeof def !== 'object' || def === null) return [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'Definition must be an object', location: '/' }];
    const d = def as { StartAt?: unknown; States?: Record<string, { Next?: string }> };
    if (typeof d.StartAt !== 'string') out.push({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [StartAt]', location: '/' });
    if (typeof d.States !== 'object' || d.States === null) out.push({ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'These fields are required: [States]', location: '/' });
    else {
      for (const [name, s] of Object.entries(d.States)) {
        if (s.Next !== undefined && !(s.Next in d.States)) out.push({ severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: `Missing 'Next' target: ${s.Next}`, location: `/States/${name}/Next` });
      }
    }
    return out;
  },
  formatInvalid(diags) {
    return `Invalid State Machine Definition: '${diags.filter((d) => d.severity === 'ERROR').map((d) => `${d.code}: ${d.message} at ${d.location}`).join(', ')}'`;
  },
};

export interface LogLine {
  readonly level: string;
  readonly msg?: string | undefined;
  readonly [k: string]: unknown;
}

export function captureLogger(lines: LogLine[], bindings: object = {}): ApiLogger {
  const at = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, ...bindings, ...obj, msg });
  };
  return { info: at('info'), warn: at('warn'), error: at('error'), child: (b) => captureLogger(lines, { ...bindings, ...b }) };
}

export interface Harness {
  readonly url: string;
  readonly port: number;
  readonly sfn: SFNClient;
  readonly engine: ExecutionEngine;
  /** The durable engine's core, for a test that runs the timer loop (startTimerLoop). */
  readonly core: EngineCore;
  readonly registry: Registry;
  readonly redis: Redis;
  readonly logs: LogLine[];
  readonly config: ReturnType<typeof loadConfig>;
  close(): Promise<void>;
}

/** Polls DescribeExecution until the execution leaves RUNNING (or `status` is reached). */
export async function settled(h: Pick<Harness, 'sfn'>, executionArn: string, status?: string): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status === undefined ? d.status !== 'RUNNING' : d.status === status) return d;
    if (Date.now() > deadline) throw new Error(`execution is ${d.status}${status ? `, expected ${status}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startHarness(redisUrl: string, env: Record<string, string> = {}, extra: Partial<AppDeps> = {}): Promise<Harness> {
  const config = loadConfig({ STEPWISE_ENV: 'test', REDIS_URL: redisUrl, STEPWISE_KEY_PREFIX: uniquePrefix('api'), ...env });
  const built = engineFromConfig(config);
  const redis = built.redis;
  const workers = startWorkers(built.engine.core, { concurrency: 4 });
  // no deletion grace: the tests see a DELETING machine go as soon as nothing runs
  const registry = new Registry({ redis, prefix: config.STEPWISE_KEY_PREFIX, scope: { region: config.STEPWISE_REGION, accountId: config.STEPWISE_ACCOUNT_ID }, deletionGraceMs: 0 });
  const engine = extra.engine ?? built.engine;
  const logs: LogLine[] = [];
  const app = createApp({ engine, registry, config, definitions: testValidator, ping: () => redis.ping(), logger: captureLogger(logs), ...extra });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const sfn = new SFNClient({
    endpoint: url,
    region: config.STEPWISE_REGION,
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  return {
    url, port, sfn, engine, core: built.engine.core, registry, redis, logs, config,
    async close() {
      sfn.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await workers.close(true);
      await built.engine.close();
      redis.disconnect();
    },
  };
}

/** The error a call answered with (name, message, HTTP status); fails when the call succeeds. */
export async function rejects(p: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

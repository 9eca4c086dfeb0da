/**
 * Starts the api app on 127.0.0.1:0 with a real Redis (the run-wide server, a unique prefix),
 * the registry, an engine (the in-memory one until the durable engine is wired) and a log
 * capture, and gives an unmodified @aws-sdk/client-sfn client pointed at it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Redis } from 'ioredis';
import { SFNClient } from '@aws-sdk/client-sfn';
import { loadConfig } from '@stepwise/config';
import { Registry, type ExecutionEngine } from '@stepwise/engine';
import { uniquePrefix } from '@stepwise/testkit';
import { createApp } from '../../src/app.js';
import type { ApiLogger, AppDeps, DefinitionValidator, Diagnostic } from '../../src/deps.js';
import { MemoryEngine } from './memory-engine.js';

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
  readonly registry: Registry;
  readonly redis: Redis;
  readonly logs: LogLine[];
  readonly config: ReturnType<typeof loadConfig>;
  close(): Promise<void>;
}

export async function startHarness(redisUrl: string, env: Record<string, string> = {}, extra: Partial<AppDeps> = {}): Promise<Harness> {
  const config = loadConfig({ STEPWISE_ENV: 'test', STEPWISE_KEY_PREFIX: uniquePrefix('api'), ...env });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  const registry = new Registry({ redis, prefix: config.STEPWISE_KEY_PREFIX, scope: { region: config.STEPWISE_REGION, accountId: config.STEPWISE_ACCOUNT_ID } });
  const engine = extra.engine ?? new MemoryEngine();
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
    url, port, sfn, engine, registry, redis, logs, config,
    async close() {
      sfn.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await redis.quit();
    },
  };
}

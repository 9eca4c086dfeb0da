/**
 * Builds the engine of a service process from its validated configuration: the Redis
 * connection, key prefix, time scale, limits, ARN scope and Lambda routing (config.ts of
 * @stepwise/config is the only reader of the environment).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '@stepwise/config';
import { createEngine, type CreateEngineOptions, type DurableEngine } from './engine.js';
import { IntegrationRegistry } from './integrations/registry.js';
import type { TaskHandler } from './integrations/types.js';
import { systemClock, type Clock } from './clock.js';
import { Registry } from './registry/index.js';
import { registryResolver } from './resolver.js';
import { mockConfigHook, readMockConfigSync } from './integrations/mock-config.js';

export interface EngineDeps {
  /** In-process task handlers (by Resource or Lambda function name). */
  readonly handlers?: Readonly<Record<string, TaskHandler>>;
  readonly clock?: Clock;
  readonly log?: CreateEngineOptions['log'];
  /** An existing connection to reuse (the all-in-one process); else one is opened from REDIS_URL. */
  readonly redis?: Redis;
  /** CreateEngineOptions.inlineFirstStep (default true): false leaves every first step to the workers. */
  readonly inlineFirstStep?: boolean;
  /**
   * Open the connection with ioredis auto-pipelining (the scheduler): the commits and relays of
   * a batch of fired timers' steps go out in a few writes instead of two or three per step.
   */
  readonly autoPipelining?: boolean;
}

/**
 * The scheduler connection's auto-pipelining. The timer loop's looks (ZRANGEBYSCORE, ZRANGE) are
 * sent at once: ioredis keeps one auto-pipeline in flight per connection, and a look queued
 * behind a batch's commits would wait for their replies.
 */
export const AUTO_PIPELINING: Pick<RedisOptions, 'enableAutoPipelining' | 'autoPipeliningIgnoredCommands'> = {
  enableAutoPipelining: true,
  autoPipeliningIgnoredCommands: ['zrangebyscore', 'zrange'],
};

export function engineFromConfig(config: Config, deps: EngineDeps = {}): { engine: DurableEngine; redis: Redis } {
  if (!deps.redis && config.REDIS_URL === undefined) throw new Error('REDIS_URL is not set: set it to the Redis server the engine uses (redis://host:6379).');
  const redis = deps.redis ?? new Redis(config.REDIS_URL ?? '', {
    maxRetriesPerRequest: null,
    ...(deps.autoPipelining ? AUTO_PIPELINING : {}),
  });
  let lambdaEndpoints: Record<string, string> = {};
  try {
    lambdaEndpoints = JSON.parse(config.STEPWISE_LAMBDA_ENDPOINTS) as Record<string, string>;
  } catch {
    throw new Error('STEPWISE_LAMBDA_ENDPOINTS is not a JSON object of function name → URL.');
  }
  const scope = { region: config.STEPWISE_REGION, accountId: config.STEPWISE_ACCOUNT_ID };
  const log = deps.log;
  // SFN_MOCK_CONFIG: executions started as `<arn>#<TestCase>` take their task results from the file.
  const mocks = config.SFN_MOCK_CONFIG !== undefined ? mockConfigHook(readMockConfigSync(config.SFN_MOCK_CONFIG)) : undefined;
  const integrations = new IntegrationRegistry(
    { handlers: deps.handlers ?? {}, lambdaEndpoints, bullmqConnection: redis, ...(mocks ? { mocks } : {}) },
    log ? (l, m, f) => log(l, m, f) : undefined,
  );
  const registry = new Registry({ redis, prefix: config.STEPWISE_KEY_PREFIX, scope });
  const engine = createEngine({
    redis,
    keyPrefix: config.STEPWISE_KEY_PREFIX,
    clock: deps.clock ?? systemClock,
    timeScale: config.STEPWISE_TIME_SCALE,
    scope,
    limits: { payloadBytes: config.STEPWISE_MAX_PAYLOAD_BYTES, historyEvents: config.STEPWISE_MAX_HISTORY_EVENTS },
    integrations,
    resolveStateMachine: registryResolver(registry),
    ...(log ? { log } : {}),
    ...(deps.inlineFirstStep !== undefined ? { inlineFirstStep: deps.inlineFirstStep } : {}),
  });
  return { engine, redis };
}

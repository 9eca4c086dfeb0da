/**
 * The api's production dependencies from configuration: libs/asl's validator, libs/testing's
 * TestState, the registry on the given Redis, pino logs and the process metrics. main.ts and the
 * all-in-one process build the app from this; tests build their own deps.
 */
import type { Redis } from 'ioredis';
import type { Config } from '@stepwise/config';
import { formatInvalidDefinition, validateDefinition } from '@stepwise/asl';
import { readMockConfigSync, Registry, type ExecutionEngine } from '@stepwise/engine';
import { createApiMetrics, trackRedisConnection, type Logger } from '@stepwise/observability';
import { ApiError, type ActionInputs, type ActionOutput } from '@stepwise/protocol';
import { isTestStateError, testState } from '@stepwise/testing';
import type { ApiMetrics, AppDeps, DefinitionValidator } from './deps.js';

export const aslValidator: DefinitionValidator = {
  validate: (definition) => validateDefinition(definition),
  formatInvalid: (diagnostics) => formatInvalidDefinition(diagnostics),
};

/** The api metrics on the process registry (shared with the worker and scheduler in the all-in-one process). */
export function processApiMetrics(): ApiMetrics {
  return createApiMetrics();
}

export function testStateOf(config: Config): (input: ActionInputs['TestState']) => Promise<ActionOutput> {
  return async (input) => {
    try {
      return { ...(await testState(input, { region: config.STEPWISE_REGION, accountId: config.STEPWISE_ACCOUNT_ID })) };
    } catch (e) {
      if (isTestStateError(e)) throw new ApiError(e.type, e.message);
      throw e;
    }
  };
}

export function productionDeps(config: Config, redis: Redis, engine: ExecutionEngine, logger: Logger): AppDeps {
  // SFN_MOCK_CONFIG read and checked once: a malformed file stops the start with its file and pointer.
  const mockConfig = config.SFN_MOCK_CONFIG !== undefined ? readMockConfigSync(config.SFN_MOCK_CONFIG) : undefined;
  // stepwise_redis_connected{client="main"}: the Redis-connected panel and StepwiseRedisUnreachable.
  trackRedisConnection(redis, 'main');
  return {
    engine,
    registry: new Registry({ redis, prefix: config.STEPWISE_KEY_PREFIX, scope: { region: config.STEPWISE_REGION, accountId: config.STEPWISE_ACCOUNT_ID } }),
    config,
    definitions: aslValidator,
    ping: () => redis.ping(),
    logger,
    metrics: processApiMetrics(),
    testState: testStateOf(config),
    ...(mockConfig ? { mockConfig } : {}),
  };
}

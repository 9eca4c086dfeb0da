/**
 * Starting the api inside a process: connect to Redis, build the engine and the app, listen on
 * PORT (8083, the port of AWS Step Functions Local, by default), and close it all in order.
 * `npm run start:api` (main.ts) and the all-in-one process both call startApi.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { Config } from '@stepwise/config';
import { engineFromConfig, type ExecutionEngine } from '@stepwise/engine';
import { createLogger, markService, type Logger } from '@stepwise/observability';
import { createApp } from './app.js';
import { productionDeps } from './wiring.js';

export const DEFAULT_PORT = 8083;

export interface ApiHandle {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface StartApiOptions {
  /** Reuse a connection (the all-in-one process); else one is opened from REDIS_URL. */
  readonly redis?: Redis;
  readonly engine?: ExecutionEngine;
  readonly logger?: Logger;
}

export async function startApi(config: Config, opts: StartApiOptions = {}): Promise<ApiHandle> {
  const logger = opts.logger ?? createLogger({ service: 'api', level: config.LOG_LEVEL });
  const built = opts.engine && opts.redis ? { engine: opts.engine, redis: opts.redis } : engineFromConfig(config, { ...(opts.redis ? { redis: opts.redis } : {}), log: (level, msg, fields) => logger[level](fields ?? {}, msg) });
  const { engine, redis } = built;
  if (config.STEPWISE_AUTH !== 'required') {
    logger.warn({ STEPWISE_AUTH: config.STEPWISE_AUTH }, 'authentication is OFF: anyone who reaches this port can run state machines. Set STEPWISE_AUTH=required with STEPWISE_ACCESS_KEYS (SigV4) and STEPWISE_API_TOKENS (REST) outside local use.');
  }
  markService('api');
  const app = createApp(productionDeps(config, redis, engine, logger));
  let server: Server;
  try {
    server = await new Promise((resolve, reject) => {
      // Express 5 hands listen errors (EADDRINUSE) to the callback.
      const s = app.listen(config.PORT ?? DEFAULT_PORT, config.HOST, (err?: Error) => (err ? reject(err) : resolve(s)));
    });
  } catch (e) {
    if (!opts.engine) await engine.close();
    if (!opts.redis) redis.disconnect();
    throw e;
  }
  // GetActivityTask holds a request up to 60 s: keep sockets longer than that.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const port = (server.address() as AddressInfo).port;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;
  logger.info({ port, region: config.STEPWISE_REGION, accountId: config.STEPWISE_ACCOUNT_ID }, `api listening on ${url} (AWS protocol on POST /, REST on /v1, reference on /docs)`);
  return {
    port,
    url,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
      if (!opts.engine) await engine.close();
      if (!opts.redis) redis.disconnect();
      logger.info('api stopped');
    },
  };
}

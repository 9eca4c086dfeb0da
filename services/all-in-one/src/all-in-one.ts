/**
 * api + scheduler + worker in one process (`npm start`): with REDIS_URL it uses that Redis;
 * without, it runs an embedded redis-server (embedded-redis.ts) and says where its data lives.
 * The worker and scheduler get no PORT of their own: the api's port serves /metrics for all three.
 */
import type { Config } from '@stepwise/config';
import { startApi, type ApiHandle } from '@stepwise/api';
import { startScheduler } from '@stepwise/scheduler';
import { startWorker } from '@stepwise/worker';
import { createLogger, type Logger } from '@stepwise/observability';
import { startEmbeddedRedis, type EmbeddedRedis } from './embedded-redis.js';

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

export interface AllInOne {
  readonly api: ApiHandle;
  readonly redisUrl: string;
  readonly embedded?: EmbeddedRedis;
  close(): Promise<void>;
}

export async function startAllInOne(config: Config, opts: { readonly logger?: Logger; readonly redisBinary?: string } = {}): Promise<AllInOne> {
  const logger = opts.logger ?? createLogger({ service: 'all-in-one', level: config.LOG_LEVEL });
  let embedded: EmbeddedRedis | undefined;
  let redisUrl = config.REDIS_URL;
  if (redisUrl === undefined) {
    embedded = await startEmbeddedRedis(config.STEPWISE_DATA_DIR, opts.redisBinary !== undefined ? { binary: opts.redisBinary } : {});
    redisUrl = embedded.url;
    logger.info(
      { redisUrl, dataDir: embedded.dataDir },
      embedded.child
        ? `no REDIS_URL set: started an embedded redis-server on ${redisUrl} (AOF on, data in ${embedded.dataDir}). Set REDIS_URL to use your own Redis.`
        : `no REDIS_URL set: reusing the embedded redis-server still running on ${redisUrl} for ${embedded.dataDir}.`,
    );
    embedded.child?.once('exit', (code, signal) => {
      logger.fatal({ code, signal }, 'the embedded redis-server stopped; Stepwise cannot run without it');
      process.exitCode = 1;
    });
  } else logger.info({ redisUrl: redisUrl.replace(/\/\/([^@/]*)@/, '//<redacted>@') }, 'using the Redis at REDIS_URL');
  const withRedis: Config = Object.freeze({ ...config, REDIS_URL: redisUrl });
  const { PORT: _port, ...noPort } = withRedis;
  const background: Config = Object.freeze(noPort);
  const started: { close(): Promise<void> }[] = [];
  let api: ApiHandle;
  try {
    started.push(await startWorker(background));
    started.push(await startScheduler(background));
    api = await startApi(withRedis, { logger });
  } catch (e) {
    // Leave nothing behind: what started is stopped, the embedded Redis too.
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    embedded?.child?.removeAllListeners('exit');
    await embedded?.stop();
    if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE') throw new PortInUseError(`port ${config.PORT ?? 8083} is in use: stop what listens there or set PORT to another port.`);
    throw e;
  }
  const [worker, scheduler] = started as [{ close(): Promise<void> }, { close(): Promise<void> }];
  logger.info({ url: api.url }, `Stepwise is running: AWS SDK/CLI endpoint ${api.url}, REST ${api.url}/v1, reference ${api.url}/docs`);
  return {
    api,
    redisUrl,
    ...(embedded ? { embedded } : {}),
    async close() {
      await api.close();
      await scheduler.close();
      await worker.close();
      if (embedded) {
        embedded.child?.removeAllListeners('exit');
        await embedded.stop();
      }
    },
  };
}

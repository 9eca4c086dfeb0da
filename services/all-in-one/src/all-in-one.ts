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
    logger.info({ redisUrl, dataDir: embedded.dataDir }, `no REDIS_URL set: started an embedded redis-server on ${redisUrl} (AOF on, data in ${embedded.dataDir}). Set REDIS_URL to use your own Redis.`);
    embedded.child.once('exit', (code, signal) => {
      logger.fatal({ code, signal }, 'the embedded redis-server stopped; Stepwise cannot run without it');
      process.exitCode = 1;
    });
  } else logger.info({ redisUrl: redisUrl.replace(/\/\/([^@/]*)@/, '//<redacted>@') }, 'using the Redis at REDIS_URL');
  const withRedis: Config = Object.freeze({ ...config, REDIS_URL: redisUrl });
  const { PORT: _port, ...noPort } = withRedis;
  const background: Config = Object.freeze(noPort);
  const worker = await startWorker(background);
  const scheduler = await startScheduler(background);
  const api = await startApi(withRedis, { logger });
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
        embedded.child.removeAllListeners('exit');
        await embedded.stop();
      }
    },
  };
}

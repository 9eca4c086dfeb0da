/**
 * `npm run start:api`: the api alone (what the container image and Kubernetes run). Reads the
 * configuration once, listens on PORT (default 8083), and stops cleanly on SIGTERM/SIGINT.
 */
import { ConfigError, loadConfig, redactConfig } from '@stepwise/config';
import { createLogger, flushTraces } from '@stepwise/observability';
import { startApi } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
  if (config.REDIS_URL === undefined) {
    logger.fatal({}, 'REDIS_URL is not set. Set REDIS_URL=redis://host:6379 for the api, or run `npm start` for the all-in-one process with its own Redis.');
    process.exit(2);
  }
  logger.info({ config: redactConfig(config) }, 'starting api');
  const api = await startApi(config, { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping api');
    void api
      .close()
      .then(
        () => 0,
        (e: unknown) => {
          logger.error({ err: e }, 'error while stopping');
          return 1;
        },
      )
      // Spans still buffered go out before the process ends.
      .then(async (code) => {
        await flushTraces().catch(() => undefined);
        process.exit(code);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`api failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

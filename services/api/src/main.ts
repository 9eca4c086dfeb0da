/**
 * `npm run start:api`: the api alone (what the container image and Kubernetes run). Reads the
 * configuration once, listens on PORT (default 8083), and stops cleanly on SIGTERM/SIGINT.
 */
import { loadConfigOrExit, redactConfig } from '@stepwise/config';
import { createLogger, stopOnSignals } from '@stepwise/observability';
import { startApi } from './server.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL });
  if (config.REDIS_URL === undefined) {
    logger.fatal({}, 'REDIS_URL is not set. Set REDIS_URL=redis://host:6379 for the api, or run `npm start` for the all-in-one process with its own Redis.');
    process.exit(2);
  }
  logger.info({ config: redactConfig(config) }, 'starting api');
  const api = await startApi(config, { logger });
  stopOnSignals({
    close: () => api.close(),
    announce: (signal) => logger.info({ signal }, 'stopping api'),
    onError: (e) => logger.error({ err: e }, 'error while stopping'),
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`api failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

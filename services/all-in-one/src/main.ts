/**
 * `npm start`: Stepwise in one process for local use (api on PORT, default 8083, plus scheduler
 * and worker), with its own Redis unless REDIS_URL is set. Stops cleanly on SIGTERM/SIGINT.
 */
import { loadConfigOrExit } from '@stepwise/config';
import { createLogger, stopOnSignals } from '@stepwise/observability';
import { PortInUseError, startAllInOne } from './all-in-one.js';
import { EmbeddedRedisError } from './embedded-redis.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger({ service: 'all-in-one', level: config.LOG_LEVEL });
  let app;
  try {
    app = await startAllInOne(config, { logger });
  } catch (e) {
    if (e instanceof EmbeddedRedisError || e instanceof PortInUseError) {
      process.stderr.write(`\n${e.message}\n\n`);
      process.exit(1);
    }
    throw e;
  }
  stopOnSignals({
    close: () => app.close(),
    announce: (signal) => logger.info({ signal }, 'stopping'),
    onError: (e) => logger.error({ err: e }, 'error while stopping'),
  });
}

main().catch((e: unknown) => {
  process.stderr.write(`stepwise failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

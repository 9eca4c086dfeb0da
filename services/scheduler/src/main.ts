/**
 * Entry point of the scheduler process: configuration from the environment (REDIS_URL first);
 * runs as leader or hot standby until SIGTERM/SIGINT, then releases its lease so the standby
 * takes over at once.
 */
import { loadConfig } from '@stepwise/config';
import { flushTraces } from '@stepwise/observability';
import { startScheduler } from './scheduler.js';

const config = loadConfig(process.env);
const handle = await startScheduler(config);
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`scheduler: ${signal}, releasing the lease\n`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  void handle
    .close()
    .then(() => 0, () => 1)
    // Spans still buffered go out before the process ends.
    .then(async (code) => {
      await flushTraces().catch(() => undefined);
      process.exit(code);
    });
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

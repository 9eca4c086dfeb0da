/**
 * Entry point of the scheduler process: configuration from the environment (REDIS_URL first);
 * runs as leader or hot standby until SIGTERM/SIGINT, then releases its lease so the standby
 * takes over at once.
 */
import { loadConfig } from '@stepwise/config';
import { stopOnSignals } from '@stepwise/observability';
import { startScheduler } from './scheduler.js';

const config = loadConfig(process.env);
const handle = await startScheduler(config);
stopOnSignals({
  close: () => handle.close(),
  announce: (signal) => process.stderr.write(`scheduler: ${signal}, releasing the lease\n`),
  graceMs: 10_000,
});

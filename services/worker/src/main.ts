/**
 * Entry point of the worker process: configuration from the environment (REDIS_URL first),
 * then run until SIGTERM/SIGINT, finishing in-flight jobs before exiting.
 */
import { loadConfig } from '@stepwise/config';
import { stopOnSignals } from '@stepwise/observability';
import { startWorker } from './worker.js';

const config = loadConfig(process.env);
const handle = await startWorker(config);
stopOnSignals({
  close: () => handle.close(),
  announce: (signal) => process.stderr.write(`worker: ${signal}, finishing in-flight jobs\n`),
});

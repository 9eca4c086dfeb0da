/**
 * Entry point of the worker process: configuration from the environment (REDIS_URL first),
 * then run until SIGTERM/SIGINT, finishing in-flight jobs before exiting.
 */
import { loadConfig } from '@stepwise/config';
import { flushTraces } from '@stepwise/observability';
import { startWorker } from './worker.js';

const config = loadConfig(process.env);
const handle = await startWorker(config);
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`worker: ${signal}, finishing in-flight jobs\n`);
  const force = setTimeout(() => process.exit(1), 30_000);
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

/**
 * Entry point of the worker process: configuration from the environment (REDIS_URL first),
 * then run until SIGTERM/SIGINT, finishing in-flight jobs before exiting.
 */
import { loadConfig } from '@stepwise/config';
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
  handle.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));

// The public surface of @stepwise/worker: start a worker inside another process (all-in-one).
export { startWorker } from './worker.js';
export type { WorkerHandle } from './worker.js';

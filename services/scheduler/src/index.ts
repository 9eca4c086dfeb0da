// The public surface of @stepwise/scheduler: start a scheduler inside another process (all-in-one).
export { startScheduler } from './scheduler.js';
export type { SchedulerHandle, SchedulerOptions } from './scheduler.js';

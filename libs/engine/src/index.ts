// The public surface of @stepwise/engine, exported by name.
export { EngineError } from './facade.js';
export type {
  ExecutionEngine, ExecutionStatus, StateMachineType, StartExecutionRequest, StartExecutionResult,
  ExecutionDescription, ExecutionListItem, Page, StoredHistoryEvent, SyncExecutionResult, WaitingTask, MapRunDescription,
} from './facade.js';
// The registry of state machines, versions, aliases, activities and tags (api engineer's registry/).
export { Registry, DELETION_GRACE_MS, createRegistryKeys } from './registry/index.js';
export type {
  RegistryOptions, CreateStateMachineParams, UpdateStateMachineParams, ListPage, RegistryKeys, Terminate,
  StateMachineRecord, VersionRecord, AliasRecord, ActivityRecord, RoutingEntry, Tags, RegistryJson, CloudFields,
} from './registry/index.js';
// The durable engine.
export { createEngine, executionIdOf } from './engine.js';
export type { CreateEngineOptions, DurableEngine, ResolvedStateMachine } from './engine.js';
export { EngineCore } from './core.js';
export type { EngineOptions } from './core.js';
export { systemClock, ManualClock } from './clock.js';
export type { Clock } from './clock.js';
export { createKeys } from './keys.js';
export type { Keys, ExecutionId, FrameId } from './keys.js';
export { QUEUES, advanceWaitListKey, expressWaitListKey, jobIds } from './queues/names.js';
export type { AdvanceJobData, TaskJobData, ExpressJobData } from './queues/names.js';
export { startWorkers } from './workers.js';
export type { EngineWorkers, WorkerOptions } from './workers.js';
export { startTimerLoop } from './timers/timer-loop.js';
export { sampleTimersPending } from './timers/timers-pending.js';
export type { TimerLoop, TimerLoopOptions } from './timers/timer-loop.js';
export { fireDueTimers, fireDueTimersDetached, type FiredBatch } from './timers/due-timers.js';
export { advanceFrame } from './advance.js';
export { dispatchTask } from './dispatch.js';
export { IntegrationRegistry } from './integrations/registry.js';
export type { IntegrationOptions } from './integrations/registry.js';
export type { TaskHandler, TaskRequest, TaskOutcome } from './integrations/types.js';
export { BULLMQ_ADD_JOB } from './integrations/bullmq-job.js';
export { readMockConfigSync } from './integrations/mock-config.js';
export { APPROVAL_RESOURCE } from './plan.js';
export { parseTaskToken } from './ids.js';
export { registryResolver } from './resolver.js';
export { startLeaderLease } from './lease.js';
export type { LeaderLease } from './lease.js';
export { engineFromConfig, AUTO_PIPELINING } from './from-config.js';
export type { EngineDeps } from './from-config.js';

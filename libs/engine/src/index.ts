// The public surface of @stepwise/engine, exported by name.
export { EngineError } from './facade.js';
export type {
  ExecutionEngine, ExecutionStatus, StateMachineType, StartExecutionRequest, StartExecutionResult,
  ExecutionDescription, ExecutionListItem, Page, StoredHistoryEvent, SyncExecutionResult, WaitingTask, MapRunDescription,
} from './facade.js';

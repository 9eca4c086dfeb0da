// The public surface of @stepwise/engine, exported by name.
export { EngineError } from './facade.js';
export type {
  ExecutionEngine, ExecutionStatus, StateMachineType, StartExecutionRequest, StartExecutionResult,
  ExecutionDescription, ExecutionListItem, Page, StoredHistoryEvent, SyncExecutionResult, WaitingTask, MapRunDescription,
} from './facade.js';
// The registry of state machines, versions, aliases, activities and tags (api engineer's registry/).
export { Registry, createRegistryKeys } from './registry/index.js';
export type {
  RegistryOptions, CreateStateMachineParams, UpdateStateMachineParams, ListPage, RegistryKeys,
  StateMachineRecord, VersionRecord, AliasRecord, ActivityRecord, RoutingEntry, Tags, RegistryJson, CloudFields,
} from './registry/index.js';

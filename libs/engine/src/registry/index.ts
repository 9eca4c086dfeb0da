// The registry of state machines, versions, aliases, activities and tags (owned by the api).
export { Registry, DELETION_GRACE_MS } from './registry.js';
export type { RegistryOptions, CreateStateMachineParams, UpdateStateMachineParams, ListPage, Terminate } from './registry.js';
export { createRegistryKeys } from './keys.js';
export type { RegistryKeys } from './keys.js';
export type { StateMachineRecord, VersionRecord, AliasRecord, ActivityRecord, RoutingEntry, Tags, RegistryJson, CloudFields } from './records.js';

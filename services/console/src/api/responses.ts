/**
 * Names for the response types the console reads, taken from the generated OpenAPI types
 * (schema.d.ts), and timestamp handling (REST answers ISO 8601 text).
 */
import type { components } from './schema.js';

type Schemas = components['schemas'];
export type Timestamp = string | number;
export type StateMachineListItem = Schemas['StateMachineListItem'];
export type StateMachineDescription = Schemas['StateMachineDescription'];
export type ExecutionListItem = Schemas['ExecutionListItem'];
export type ExecutionDescription = Schemas['ExecutionDescription'];
export type ExecutionStatus = ExecutionListItem['status'];
export type HistoryEventItem = Schemas['HistoryEvent'];
export type WaitingTaskItem = Schemas['WaitingTask'];
export type ActivityListItem = Schemas['ActivityListItem'];

export function toMs(t: Timestamp | undefined): number | undefined {
  if (t === undefined) return undefined;
  if (typeof t === 'number') return t < 1e11 ? t * 1000 : t;
  const n = Date.parse(t);
  return Number.isNaN(n) ? undefined : n;
}

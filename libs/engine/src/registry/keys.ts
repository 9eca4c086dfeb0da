/**
 * Redis keys of the registry (state machines, versions, aliases, activities, tags). Same
 * conventions as the engine's keys.ts: the deployment prefix first, and one hash tag,
 * `{registry}`, shared by every registry key so each atomic change (one Lua script) touches a
 * single Redis Cluster slot. The registry is small (thousands of records), so one slot is enough.
 */
export interface RegistryKeys {
  /** Hash: state machine name → StateMachineRecord JSON. */
  stateMachines(): string;
  /** Sorted set (all scores 0): state machine names, for lexicographic paging. */
  stateMachineIndex(): string;
  /** Hash: version number → VersionRecord JSON. */
  versions(stateMachineName: string): string;
  /** Hash: alias name → AliasRecord JSON. */
  aliases(stateMachineName: string): string;
  /** Hash: activity name → ActivityRecord JSON. */
  activities(): string;
  /** Sorted set (all scores 0): activity names. */
  activityIndex(): string;
  /** Hash: resource ARN → tags JSON (`{key: value}`). */
  tags(): string;
}

export function createRegistryKeys(prefix: string): RegistryKeys {
  const k = (part: string) => `${prefix}:{registry}:${part}`;
  return {
    stateMachines: () => k('sm'),
    stateMachineIndex: () => k('sm:idx'),
    versions: (name) => k(`ver:${name}`),
    aliases: (name) => k(`alias:${name}`),
    activities: () => k('act'),
    activityIndex: () => k('act:idx'),
    tags: () => k('tags'),
  };
}

/**
 * The registry of state machines, their revisions, versions and aliases, activities and tags,
 * stored in Redis. AWS's semantics that need a consistent view (idempotent creates, version
 * numbers never reused, a version referenced by an alias cannot be deleted, publish checks the
 * revision) are decided here; each change commits with a version check (cas.ts) and is retried on
 * a lost race, so any number of api replicas may serve the same machines.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { arns, type ArnScope } from '@stepwise/protocol';
import { EngineError } from '../facade.js';
import { commitCas, type CasOp } from './cas.js';
import { createRegistryKeys, type RegistryKeys } from './keys.js';
import type { ActivityRecord, AliasRecord, CloudFields, RegistryJson, RoutingEntry, StateMachineRecord, Tags, VersionRecord } from './records.js';

export interface RegistryOptions {
  readonly redis: Redis;
  readonly prefix: string;
  readonly scope: ArnScope;
  readonly now?: () => number;
  readonly newRevisionId?: () => string;
  /** AWS quotas: versions per state machine (1000), aliases per state machine (100), tags per resource (50). */
  readonly maxVersions?: number;
  readonly maxAliases?: number;
  /** How long a DELETING machine stays at least (ms); DELETION_GRACE_MS by default. */
  readonly deletionGraceMs?: number;
}

/**
 * A DELETING machine is kept at least this long, even when none of its executions runs. A start
 * may have resolved the machine just before the delete (another api replica's short-lived target
 * cache, a start whose first step is still being computed); its execution must be created and
 * indexed before the removal checks for running executions (and marks them to fail at their next
 * transition), or it would run a machine that no longer exists, and be listed under a new machine
 * of the same name.
 */
export const DELETION_GRACE_MS = 5_000;

/**
 * Marks a deleted machine's executions to fail at their next transition and answers whether any
 * still runs; with `startedSince`, marks only those started then or later (all are checked).
 */
export type Terminate = (stateMachineArn: string, startedSince?: number) => Promise<boolean>;

/**
 * How far before the delete a settle looks for starts that raced it: a start another replica
 * resolved before the delete is stamped with that replica's clock, which may run behind.
 */
const LATE_START_SLACK_MS = 60_000;

export interface CreateStateMachineParams extends CloudFields {
  readonly name: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly tags?: Tags;
  readonly publish?: boolean;
  readonly versionDescription?: string;
}

export interface UpdateStateMachineParams extends CloudFields {
  readonly definition?: string;
  readonly roleArn?: string;
  readonly publish?: boolean;
  readonly versionDescription?: string;
}

export interface ListPage<T> {
  readonly items: readonly T[];
  /** The last name returned, when more may follow. */
  readonly cursor?: string;
}

const MAX_TAGS = 50;
const MAX_ATTEMPTS = 20;

function parse<T>(json: string | null | undefined): T | undefined {
  return json ? (JSON.parse(json) as T) : undefined;
}

function sameJson(a: RegistryJson | undefined, b: RegistryJson | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export function deletingError(stateMachineArn: string): EngineError {
  return new EngineError('StateMachineDeleting', `State Machine is being deleted: '${stateMachineArn}'`);
}

function cloud(p: CloudFields): CloudFields {
  return {
    ...(p.loggingConfiguration !== undefined ? { loggingConfiguration: p.loggingConfiguration } : {}),
    ...(p.tracingConfiguration !== undefined ? { tracingConfiguration: p.tracingConfiguration } : {}),
    ...(p.encryptionConfiguration !== undefined ? { encryptionConfiguration: p.encryptionConfiguration } : {}),
  };
}

export class Registry {
  readonly keys: RegistryKeys;
  private readonly redis: Redis;
  private readonly scope: ArnScope;
  private readonly now: () => number;
  private readonly newRevisionId: () => string;
  private readonly maxVersions: number;
  private readonly maxAliases: number;
  private readonly deletionGraceMs: number;

  constructor(opts: RegistryOptions) {
    this.redis = opts.redis;
    this.scope = opts.scope;
    this.keys = createRegistryKeys(opts.prefix);
    this.now = opts.now ?? Date.now;
    this.newRevisionId = opts.newRevisionId ?? randomUUID;
    this.maxVersions = opts.maxVersions ?? 1000;
    this.maxAliases = opts.maxAliases ?? 100;
    this.deletionGraceMs = opts.deletionGraceMs ?? DELETION_GRACE_MS;
  }

  /** Read, decide, commit with a version check; re-run on a lost race. */
  private async atomically<T>(attempt: () => Promise<{ ops: readonly CasOp[]; result: T }>): Promise<T> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const { ops, result } = await attempt();
      if (ops.length === 0 || (await commitCas(this.redis, ops))) return result;
    }
    throw new EngineError('ConflictException', 'Too many concurrent changes to the same resource; try again.');
  }

  private async rawStateMachine(name: string): Promise<string | null> {
    return this.redis.hget(this.keys.stateMachines(), name);
  }

  // ---- state machines -------------------------------------------------------------------

  async getStateMachine(name: string): Promise<StateMachineRecord | undefined> {
    return parse<StateMachineRecord>(await this.rawStateMachine(name));
  }

  /** AWS: creating an existing machine with the same configuration answers the existing one. */
  async createStateMachine(p: CreateStateMachineParams): Promise<{ readonly record: StateMachineRecord; readonly version?: VersionRecord }> {
    const k = this.keys;
    return this.atomically(async () => {
      const raw = await this.rawStateMachine(p.name);
      const existing = parse<StateMachineRecord>(raw);
      if (existing?.status === 'DELETING') throw deletingError(existing.arn);
      if (existing) {
        const same =
          existing.definition === p.definition && existing.roleArn === p.roleArn && existing.type === p.type &&
          sameJson(existing.loggingConfiguration, p.loggingConfiguration) && sameJson(existing.tracingConfiguration, p.tracingConfiguration) &&
          sameJson(existing.encryptionConfiguration, p.encryptionConfiguration);
        if (!same) throw new EngineError('StateMachineAlreadyExists', `State Machine Already Exists: '${existing.arn}'`);
        const version = p.publish ? await this.getVersion(p.name, existing.lastVersion) : undefined;
        return { ops: [], result: { record: existing, ...(version ? { version } : {}) } };
      }
      const now = this.now();
      const arn = arns.stateMachine(this.scope, p.name);
      const record: StateMachineRecord = {
        name: p.name, arn, type: p.type, definition: p.definition, roleArn: p.roleArn, creationDate: now, updateDate: now,
        revisionId: this.newRevisionId(), lastVersion: p.publish ? 1 : 0, seq: 0, ...cloud(p),
      };
      const ops: CasOp[] = [
        { op: 'expect', key: k.stateMachines(), field: p.name, value: null },
        { op: 'hset', key: k.stateMachines(), field: p.name, value: JSON.stringify(record) },
        { op: 'zadd', key: k.stateMachineIndex(), member: p.name },
        // A machine of the same name deleted earlier leaves no versions, aliases or tags behind.
        { op: 'del', key: k.versions(p.name) },
        { op: 'del', key: k.aliases(p.name) },
        { op: 'hdel', key: k.tags(), field: arn },
      ];
      if (p.tags && Object.keys(p.tags).length > 0) ops.push({ op: 'hset', key: k.tags(), field: arn, value: JSON.stringify(p.tags) });
      let version: VersionRecord | undefined;
      if (p.publish) {
        version = this.versionOf(record, 1, p.versionDescription, now);
        ops.push({ op: 'hset', key: k.versions(p.name), field: '1', value: JSON.stringify(version) });
      }
      return { ops, result: { record, ...(version ? { version } : {}) } };
    });
  }

  private versionOf(sm: StateMachineRecord, version: number, description: string | undefined, now: number): VersionRecord {
    return {
      version, arn: arns.stateMachineVersion(this.scope, sm.name, version), type: sm.type, definition: sm.definition, roleArn: sm.roleArn,
      revisionId: sm.revisionId, creationDate: now, ...(description !== undefined ? { description } : {}), ...cloud(sm),
    };
  }

  /** The machine to change: it must exist and not be DELETING. */
  private requireMachine(raw: string | null, name: string): StateMachineRecord {
    const sm = parse<StateMachineRecord>(raw);
    if (!sm) throw new EngineError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arns.stateMachine(this.scope, name)}'`);
    if (sm.status === 'DELETING') throw deletingError(sm.arn);
    return sm;
  }

  async updateStateMachine(name: string, p: UpdateStateMachineParams): Promise<{ readonly record: StateMachineRecord; readonly version?: VersionRecord }> {
    const k = this.keys;
    return this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = this.requireMachine(raw, name);
      const next: StateMachineRecord = {
        ...sm,
        ...(p.definition !== undefined ? { definition: p.definition } : {}),
        ...(p.roleArn !== undefined ? { roleArn: p.roleArn } : {}),
        ...cloud(p),
      };
      const changed =
        next.definition !== sm.definition || next.roleArn !== sm.roleArn || !sameJson(next.loggingConfiguration, sm.loggingConfiguration) ||
        !sameJson(next.tracingConfiguration, sm.tracingConfiguration) || !sameJson(next.encryptionConfiguration, sm.encryptionConfiguration);
      const now = this.now();
      let updated: StateMachineRecord = changed ? { ...next, revisionId: this.newRevisionId(), updateDate: now, seq: sm.seq + 1 } : { ...sm, updateDate: now, seq: sm.seq + 1 };
      const ops: CasOp[] = [{ op: 'expect', key: k.stateMachines(), field: name, value: raw }];
      let version: VersionRecord | undefined;
      if (p.publish) {
        const latest = sm.lastVersion > 0 ? await this.getVersion(name, sm.lastVersion) : undefined;
        if (latest && latest.revisionId === updated.revisionId) version = latest;
        else {
          await this.checkVersionQuota(name);
          updated = { ...updated, lastVersion: sm.lastVersion + 1 };
          version = this.versionOf(updated, updated.lastVersion, p.versionDescription, now);
          ops.push({ op: 'hset', key: k.versions(name), field: String(version.version), value: JSON.stringify(version) });
        }
      }
      ops.push({ op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify(updated) });
      return { ops, result: { record: updated, ...(version ? { version } : {}) } };
    });
  }

  /**
   * DeleteStateMachine, as AWS does it: the machine turns DELETING at once and its versions,
   * aliases and their tags go with it; `terminate` then marks its executions, which fail with
   * States.Runtime at their next state transition (docs/adr/0012), and answers whether any still
   * runs. The machine itself is removed (settleDeletion) once none runs, which may be right away.
   * Answers the machine as it is afterwards (undefined: gone).
   */
  async deleteStateMachine(name: string, terminate: Terminate): Promise<StateMachineRecord | undefined> {
    const k = this.keys;
    const marked = await this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      if (!raw) return { ops: [], result: undefined };
      const sm = JSON.parse(raw) as StateMachineRecord;
      if (sm.status === 'DELETING') return { ops: [], result: sm };
      const versions = await this.redis.hvals(k.versions(name));
      const aliases = await this.redis.hvals(k.aliases(name));
      const tagFields = [...versions.map((v) => (JSON.parse(v) as VersionRecord).arn), ...aliases.map((a) => (JSON.parse(a) as AliasRecord).arn)];
      const deleting: StateMachineRecord = { ...sm, status: 'DELETING', seq: sm.seq + 1, deletingSince: this.now() };
      const ops: CasOp[] = [
        { op: 'expect', key: k.stateMachines(), field: name, value: raw },
        { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify(deleting) },
        { op: 'del', key: k.versions(name) },
        { op: 'del', key: k.aliases(name) },
        ...tagFields.map((f): CasOp => ({ op: 'hdel', key: k.tags(), field: f })),
      ];
      return { ops, result: deleting };
    });
    if (!marked) return undefined;
    // at once, not only after the grace period: settleDeletion waits that long before asking
    await terminate(marked.arn);
    await this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = parse<StateMachineRecord>(raw);
      if (!raw || !sm || sm.status !== 'DELETING' || sm.allMarked) return { ops: [], result: undefined };
      return { ops: [{ op: 'expect', key: k.stateMachines(), field: name, value: raw }, { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify({ ...sm, allMarked: true }) }], result: undefined };
    });
    return this.settleDeletion(name, terminate);
  }

  /**
   * A DELETING machine none of whose executions runs is removed (with its tags), in one commit
   * that checks it is still the record read, once it has been DELETING for the grace period
   * (DELETION_GRACE_MS). `terminate` (see deleteStateMachine) is asked again then, so an
   * execution whose start raced the delete is marked too. Answers the machine as it is afterwards.
   */
  async settleDeletion(name: string, terminate: Terminate): Promise<StateMachineRecord | undefined> {
    const k = this.keys;
    return this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = parse<StateMachineRecord>(raw);
      if (!sm || sm.status !== 'DELETING') return { ops: [], result: sm };
      const since = sm.deletingSince ?? 0;
      if (this.now() - since < this.deletionGraceMs) return { ops: [], result: sm };
      // all of them until the delete's own pass is known done, then only the late starts
      if (await terminate(sm.arn, sm.allMarked ? since - LATE_START_SLACK_MS : undefined)) {
        if (sm.allMarked) return { ops: [], result: sm };
        const done: StateMachineRecord = { ...sm, allMarked: true };
        return { ops: [{ op: 'expect', key: k.stateMachines(), field: name, value: raw ?? '' }, { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify(done) }], result: done };
      }
      const ops: CasOp[] = [
        { op: 'expect', key: k.stateMachines(), field: name, value: raw },
        { op: 'hdel', key: k.stateMachines(), field: name },
        { op: 'zrem', key: k.stateMachineIndex(), member: name },
        { op: 'hdel', key: k.tags(), field: sm.arn },
      ];
      return { ops, result: undefined };
    });
  }

  async listStateMachines(maxResults: number, after?: string): Promise<ListPage<StateMachineRecord>> {
    return this.listByName(this.keys.stateMachineIndex(), this.keys.stateMachines(), maxResults, after);
  }

  private async listByName<T>(index: string, hash: string, maxResults: number, after?: string): Promise<ListPage<T>> {
    const names = await this.redis.zrangebylex(index, after === undefined ? '-' : `(${after}`, '+', 'LIMIT', 0, maxResults + 1);
    const page = names.slice(0, maxResults);
    const raws = page.length > 0 ? await this.redis.hmget(hash, ...page) : [];
    const items = raws.flatMap((r) => (r ? [JSON.parse(r) as T] : []));
    const last = page[page.length - 1];
    return names.length > maxResults && last !== undefined ? { items, cursor: last } : { items };
  }

  // ---- versions -------------------------------------------------------------------------

  async getVersion(name: string, version: number): Promise<VersionRecord | undefined> {
    return parse<VersionRecord>(await this.redis.hget(this.keys.versions(name), String(version)));
  }

  private async checkVersionQuota(name: string): Promise<void> {
    if ((await this.redis.hlen(this.keys.versions(name))) >= this.maxVersions) {
      throw new EngineError('ServiceQuotaExceededException', `The maximum number of versions (${this.maxVersions}) for the state machine has been reached; delete versions to publish new ones.`);
    }
  }

  /** AWS: publishing an unchanged revision answers its existing version; a stale revisionId is a ConflictException. */
  async publishVersion(name: string, revisionId?: string, description?: string): Promise<VersionRecord> {
    const k = this.keys;
    return this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = this.requireMachine(raw, name);
      if (revisionId !== undefined && revisionId !== sm.revisionId) {
        throw new EngineError('ConflictException', `Failed to publish the State Machine version: the revisionId '${revisionId}' does not match the current revisionId '${sm.revisionId}'.`);
      }
      const latest = sm.lastVersion > 0 ? await this.getVersion(name, sm.lastVersion) : undefined;
      if (latest && latest.revisionId === sm.revisionId) return { ops: [], result: latest };
      await this.checkVersionQuota(name);
      const updated: StateMachineRecord = { ...sm, lastVersion: sm.lastVersion + 1, seq: sm.seq + 1 };
      const version = this.versionOf(updated, updated.lastVersion, description, this.now());
      return {
        ops: [
          { op: 'expect', key: k.stateMachines(), field: name, value: raw },
          { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify(updated) },
          { op: 'hset', key: k.versions(name), field: String(version.version), value: JSON.stringify(version) },
        ],
        result: version,
      };
    });
  }

  /** Newest first, as ListStateMachineVersions answers. */
  async listVersions(name: string): Promise<readonly VersionRecord[]> {
    const all = (await this.redis.hvals(this.keys.versions(name))).map((v) => JSON.parse(v) as VersionRecord);
    return all.sort((a, b) => b.version - a.version);
  }

  async deleteVersion(name: string, version: number): Promise<void> {
    const k = this.keys;
    await this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = parse<StateMachineRecord>(raw);
      if (!sm) return { ops: [], result: undefined };
      const v = await this.getVersion(name, version);
      if (!v) return { ops: [], result: undefined };
      const referencing = (await this.listAliases(name)).filter((a) => a.routingConfiguration.some((r) => r.stateMachineVersionArn === v.arn));
      if (referencing.length > 0) {
        throw new EngineError('ConflictException', `Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [${referencing.map((a) => a.name).join(', ')}]`);
      }
      return {
        ops: [
          { op: 'expect', key: k.stateMachines(), field: name, value: raw },
          { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify({ ...sm, seq: sm.seq + 1 }) },
          { op: 'hdel', key: k.versions(name), field: String(version) },
          { op: 'hdel', key: k.tags(), field: v.arn },
        ],
        result: undefined,
      };
    });
  }

  // ---- aliases --------------------------------------------------------------------------

  async getAlias(name: string, alias: string): Promise<AliasRecord | undefined> {
    return parse<AliasRecord>(await this.redis.hget(this.keys.aliases(name), alias));
  }

  async listAliases(name: string): Promise<readonly AliasRecord[]> {
    const all = (await this.redis.hvals(this.keys.aliases(name))).map((v) => JSON.parse(v) as AliasRecord);
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private async checkRouting(name: string, routing: readonly RoutingEntry[]): Promise<void> {
    const seen = new Set<string>();
    let sum = 0;
    for (const r of routing) {
      if (seen.has(r.stateMachineVersionArn)) throw new EngineError('ValidationException', 'Routing configuration must contain distinct state machine version ARNs.');
      seen.add(r.stateMachineVersionArn);
      sum += r.weight;
      const prefix = `${arns.stateMachine(this.scope, name)}:`;
      const n = r.stateMachineVersionArn.startsWith(prefix) ? Number(r.stateMachineVersionArn.slice(prefix.length)) : NaN;
      if (!Number.isInteger(n)) throw new EngineError('ValidationException', `Routing configuration versions must belong to the same state machine: '${r.stateMachineVersionArn}'`);
      if (!(await this.getVersion(name, n))) throw new EngineError('ResourceNotFound', `Resource not found: '${r.stateMachineVersionArn}'`);
    }
    if (sum !== 100) throw new EngineError('ValidationException', 'Sum of routing configuration weights must be equal to 100.');
  }

  /** AWS: the same alias created again with the same configuration answers the existing one. */
  async createAlias(name: string, alias: string, routing: readonly RoutingEntry[], description?: string): Promise<AliasRecord> {
    const k = this.keys;
    return this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = this.requireMachine(raw, name);
      await this.checkRouting(name, routing);
      const existing = await this.getAlias(name, alias);
      if (existing) {
        if (sameJson(existing.routingConfiguration as unknown as RegistryJson, routing as unknown as RegistryJson) && existing.description === description) return { ops: [], result: existing };
        throw new EngineError('ConflictException', `Failed to create alias because an alias with the same name and a different routing configuration already exists: '${existing.arn}'`);
      }
      if ((await this.redis.hlen(k.aliases(name))) >= this.maxAliases) throw new EngineError('ServiceQuotaExceededException', `The maximum number of aliases (${this.maxAliases}) for the state machine has been reached.`);
      const now = this.now();
      const record: AliasRecord = {
        name: alias, arn: arns.stateMachineAlias(this.scope, name, alias), routingConfiguration: routing, creationDate: now, updateDate: now,
        ...(description !== undefined ? { description } : {}),
      };
      return {
        ops: [
          { op: 'expect', key: k.stateMachines(), field: name, value: raw },
          { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify({ ...sm, seq: sm.seq + 1 }) },
          { op: 'hset', key: k.aliases(name), field: alias, value: JSON.stringify(record) },
        ],
        result: record,
      };
    });
  }

  async updateAlias(name: string, alias: string, patch: { readonly routingConfiguration?: readonly RoutingEntry[]; readonly description?: string }): Promise<AliasRecord> {
    const k = this.keys;
    return this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = parse<StateMachineRecord>(raw);
      const existing = sm ? await this.getAlias(name, alias) : undefined;
      if (!sm || !existing) throw new EngineError('ResourceNotFound', `Resource not found: '${arns.stateMachineAlias(this.scope, name, alias)}'`);
      if (patch.routingConfiguration) await this.checkRouting(name, patch.routingConfiguration);
      const record: AliasRecord = {
        ...existing,
        ...(patch.routingConfiguration ? { routingConfiguration: patch.routingConfiguration } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        updateDate: this.now(),
      };
      return {
        ops: [
          { op: 'expect', key: k.stateMachines(), field: name, value: raw },
          { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify({ ...sm, seq: sm.seq + 1 }) },
          { op: 'hset', key: k.aliases(name), field: alias, value: JSON.stringify(record) },
        ],
        result: record,
      };
    });
  }

  async deleteAlias(name: string, alias: string): Promise<void> {
    const k = this.keys;
    await this.atomically(async () => {
      const raw = await this.rawStateMachine(name);
      const sm = parse<StateMachineRecord>(raw);
      const existing = sm ? await this.getAlias(name, alias) : undefined;
      if (!sm || !existing) throw new EngineError('ResourceNotFound', `Resource not found: '${arns.stateMachineAlias(this.scope, name, alias)}'`);
      return {
        ops: [
          { op: 'expect', key: k.stateMachines(), field: name, value: raw },
          { op: 'hset', key: k.stateMachines(), field: name, value: JSON.stringify({ ...sm, seq: sm.seq + 1 }) },
          { op: 'hdel', key: k.aliases(name), field: alias },
          { op: 'hdel', key: k.tags(), field: existing.arn },
        ],
        result: undefined,
      };
    });
  }

  // ---- activities -----------------------------------------------------------------------

  async getActivity(name: string): Promise<ActivityRecord | undefined> {
    return parse<ActivityRecord>(await this.redis.hget(this.keys.activities(), name));
  }

  /** AWS: CreateActivity is idempotent; the same name with a different configuration is ActivityAlreadyExists. */
  async createActivity(name: string, opts: { readonly tags?: Tags; readonly encryptionConfiguration?: RegistryJson } = {}): Promise<ActivityRecord> {
    const k = this.keys;
    return this.atomically(async () => {
      const existing = await this.getActivity(name);
      if (existing) {
        if (!sameJson(existing.encryptionConfiguration, opts.encryptionConfiguration)) throw new EngineError('ActivityAlreadyExists', `Activity already exists: '${existing.arn}'`);
        return { ops: [], result: existing };
      }
      const arn = arns.activity(this.scope, name);
      const record: ActivityRecord = { name, arn, creationDate: this.now(), ...(opts.encryptionConfiguration !== undefined ? { encryptionConfiguration: opts.encryptionConfiguration } : {}) };
      const ops: CasOp[] = [
        { op: 'expect', key: k.activities(), field: name, value: null },
        { op: 'hset', key: k.activities(), field: name, value: JSON.stringify(record) },
        { op: 'zadd', key: k.activityIndex(), member: name },
        { op: 'hdel', key: k.tags(), field: arn },
      ];
      if (opts.tags && Object.keys(opts.tags).length > 0) ops.push({ op: 'hset', key: k.tags(), field: arn, value: JSON.stringify(opts.tags) });
      return { ops, result: record };
    });
  }

  async deleteActivity(name: string): Promise<void> {
    const k = this.keys;
    const arn = arns.activity(this.scope, name);
    await commitCas(this.redis, [
      { op: 'hdel', key: k.activities(), field: name },
      { op: 'zrem', key: k.activityIndex(), member: name },
      { op: 'hdel', key: k.tags(), field: arn },
    ]);
  }

  async listActivities(maxResults: number, after?: string): Promise<ListPage<ActivityRecord>> {
    return this.listByName(this.keys.activityIndex(), this.keys.activities(), maxResults, after);
  }

  // ---- tags -----------------------------------------------------------------------------

  async getTags(arn: string): Promise<Tags> {
    return parse<Tags>(await this.redis.hget(this.keys.tags(), arn)) ?? {};
  }

  /** Adds or replaces tags of a resource the caller has checked exists; more than 50 is TooManyTags. */
  async tagResource(arn: string, tags: Tags): Promise<void> {
    const k = this.keys;
    await this.atomically(async () => {
      const raw = await this.redis.hget(k.tags(), arn);
      const merged = { ...(parse<Tags>(raw) ?? {}), ...tags };
      if (Object.keys(merged).length > MAX_TAGS) throw new EngineError('TooManyTags', `Too many tags: a resource can have up to ${MAX_TAGS} tags.`);
      return { ops: [{ op: 'expect', key: k.tags(), field: arn, value: raw }, { op: 'hset', key: k.tags(), field: arn, value: JSON.stringify(merged) }], result: undefined };
    });
  }

  async untagResource(arn: string, keys: readonly string[]): Promise<void> {
    const k = this.keys;
    await this.atomically(async () => {
      const raw = await this.redis.hget(k.tags(), arn);
      if (!raw) return { ops: [], result: undefined };
      const left: Record<string, string> = { ...(JSON.parse(raw) as Tags) };
      for (const key of keys) delete left[key];
      return { ops: [{ op: 'expect', key: k.tags(), field: arn, value: raw }, { op: 'hset', key: k.tags(), field: arn, value: JSON.stringify(left) }], result: undefined };
    });
  }
}

/**
 * The child workflow executions of a Distributed Map's run, as DescribeExecution and
 * GetExecutionHistory see them. A child's ARN (`execution:<stateMachine>/<label>:<runId>-<index>`,
 * AWS's shape) names neither the parent execution nor the run: the run's id leads to its ARN
 * through the `mapRuns` index (relayed when the run opened), the ARN to the parent execution, the
 * index to the item's record (status, dates, redrives, its frame), and the frame to the child's
 * own history (keys.ts childHistory), whose first event holds its input and last its result.
 */
import { parseArn } from '@stepwise/protocol';
import type { EngineCore } from './core.js';
import type { ExecutionDescription } from './facade.js';
import { executionIdOfMapRun, itemStatus, runClosed, type ItemRecord } from './map-runs.js';

export interface MapRunChild {
  readonly executionId: string;
  readonly mapRunArn: string;
  /** The child's history list (keys.ts childHistory); undefined for an item recorded before it had one. */
  readonly historyKey?: string;
  readonly description: ExecutionDescription;
}

/** `SM/LABEL` and `<runId>-<index>` of a child execution ARN, or undefined for any other ARN. */
function childParts(arn: string): { sm: string; label: string; runId: string; index: number; head: string } | undefined {
  const p = parseArn(arn);
  if (!p || p.resource !== 'execution' || p.parts.length !== 2) return undefined;
  const [path, name] = p.parts as [string, string];
  const slash = path.indexOf('/');
  const dash = name.lastIndexOf('-');
  if (slash <= 0 || dash <= 0 || !/^\d+$/.test(name.slice(dash + 1))) return undefined;
  return { sm: path.slice(0, slash), label: path.slice(slash + 1), runId: name.slice(0, dash), index: Number(name.slice(dash + 1)), head: `arn:${p.partition}:states:${p.region}:${p.accountId}` };
}

type Event = Record<string, unknown> & { type?: string };
const details = (e: Event | undefined, field: string): Record<string, unknown> => ((e?.[field] ?? {}) as Record<string, unknown>);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The JSON pointer's target in a definition: the map run's ItemProcessor, as its definition text. */
function processorDefinition(definition: string | null, scope: string): string {
  if (definition === null || scope === '') return '';
  let v: unknown = JSON.parse(definition);
  for (const token of scope.split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v === undefined ? '' : JSON.stringify(v);
}

/** The child execution an ARN names, or undefined when it names none (not this shape, unknown run or item). */
export async function findMapRunChild(core: EngineCore, arn: string): Promise<MapRunChild | undefined> {
  const c = childParts(arn);
  if (!c) return undefined;
  const mapRunArn = await core.redis.hget(core.keys.mapRuns(), c.runId);
  const id = mapRunArn !== null ? executionIdOfMapRun(mapRunArn) : undefined;
  if (mapRunArn === null || id === undefined) return undefined;
  // the run id alone finds the run: the rest of the ARN (scope, state machine) must match it too
  if (!mapRunArn.startsWith(`${c.head}:mapRun:${c.sm}/`)) return undefined;
  const m = core.redis.multi();
  m.hget(core.keys.mapRunsOf(id), mapRunArn);
  m.hget(core.keys.mapRunItems(id, mapRunArn), String(c.index));
  m.hmget(core.keys.meta(id), 'status', 'stopDate', 'dh', 'role');
  m.hget(core.keys.mapRunsOf(id), `${mapRunArn}|final`);
  const r = (await m.exec()) ?? [];
  const runText = (r[0]?.[1] ?? null) as string | null;
  const itemText = (r[1]?.[1] ?? null) as string | null;
  if (runText === null || itemText === null) return undefined;
  const run = JSON.parse(runText) as { label?: string; frame: string; scope?: string };
  if ((run.label ?? '') !== c.label) return undefined;
  const it = JSON.parse(itemText) as ItemRecord;
  const [status, stopDate, dh] = (r[2]?.[1] ?? []) as (string | null)[];
  const view = itemStatus(it, runClosed((r[3]?.[1] ?? null) as string | null, status, stopDate));

  const historyKey = it.f !== undefined ? core.keys.childHistory(id, it.f) : undefined;
  const q = core.redis.multi();
  if (historyKey !== undefined) q.lindex(historyKey, 0).lindex(historyKey, -1);
  // an item that never ran a step has no history yet: its input is still in the run's join
  q.hget(core.keys.joinResults(id, run.frame), `in:${c.index}`).hget(core.keys.savedJoin(id, run.frame), `in:${c.index}`);
  q.get(core.keys.definition(dh ?? ''));
  const h = ((await q.exec()) ?? []).map(([, v]) => (v ?? null) as string | null);
  const [first, last] = historyKey !== undefined ? [h[0], h[1]] : [null, null];
  const [joinInput, savedInput, definition] = h.slice(historyKey !== undefined ? 2 : 0);
  const started = first !== null && first !== undefined ? (JSON.parse(first) as Event) : undefined;
  const ended = last !== null && last !== undefined ? (JSON.parse(last) as Event) : undefined;
  const input = text(details(started, 'executionStartedEventDetails').input) ?? joinInput ?? savedInput ?? '{}';
  const result: { output?: string; error?: string; cause?: string } = {};
  if (view.status === 'SUCCEEDED' && ended?.type === 'ExecutionSucceeded') {
    const out = text(details(ended, 'executionSucceededEventDetails').output);
    if (out !== undefined) result.output = out;
  } else if (view.status !== 'SUCCEEDED' && view.status !== 'RUNNING' && ended?.type !== undefined) {
    const d = details(ended, `${ended.type.charAt(0).toLowerCase()}${ended.type.slice(1)}EventDetails`);
    const error = text(d.error);
    const cause = text(d.cause);
    if (error !== undefined) result.error = error;
    if (cause !== undefined) result.cause = cause;
  }
  const running = view.status === 'RUNNING' || view.status === 'PENDING_REDRIVE';
  const description: ExecutionDescription = {
    executionArn: `${c.head}:execution:${c.sm}/${c.label}:${c.runId}-${c.index}`,
    stateMachineArn: `${c.head}:stateMachine:${c.sm}/${c.label}`,
    name: `${c.runId}-${c.index}`,
    status: view.status,
    startDate: it.s,
    ...(view.stopDate !== undefined ? { stopDate: view.stopDate } : {}),
    input,
    ...result,
    redriveCount: it.rc ?? 0,
    ...(it.rd !== undefined ? { redriveDate: it.rd } : {}),
    // AWS: a child workflow execution is redriven through its parent (its map run), not by itself
    redriveStatus: running || view.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE_BY_MAP_RUN',
    ...(running ? { redriveStatusReason: 'Execution is RUNNING and cannot be redriven' } : view.status === 'SUCCEEDED' ? { redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
    mapRunArn,
    definition: processorDefinition(definition ?? null, run.scope ?? ''),
  };
  return { executionId: id, mapRunArn, ...(historyKey !== undefined ? { historyKey } : {}), description };
}

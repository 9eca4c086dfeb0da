/**
 * Map runs of Distributed Map states (DescribeMapRun, ListMapRuns, UpdateMapRun). A map run's
 * record lives in its execution's `mapruns` hash (the ARN names the execution, so no global
 * index); live counts come from the Map frame's join counters, final counts from the record the
 * joining commit wrote when the run closed. UpdateMapRun changes MaxConcurrency and the
 * tolerated failures of a running map run and launches more items at once (update-map-run.lua).
 */
import { parseArn } from '@stepwise/protocol';
import type { EngineCore } from './core.js';
import { EngineError, type ExecutionListItem, type ExecutionStatus, type MapRunDescription } from './facade.js';
import { SCRIPTS, runMarked } from './scripts/scripts.js';
import { entriesFromReply } from './queues/outbox.js';

interface MapRunRecord {
  readonly mapRunArn: string;
  readonly executionArn: string;
  readonly frame: string;
  readonly startDate: number;
  readonly total: number;
  readonly maxConcurrency: number;
  readonly toleratedFailureCount: number;
  readonly toleratedFailurePercentage: number;
  /** Set when a redriven parent redrove the run (redrive.ts). */
  readonly redriveCount?: number;
  readonly redriveDate?: number;
}

interface FinalCounts { readonly status: 'SUCCEEDED' | 'FAILED' | 'ABORTED'; readonly succeeded: number; readonly failed: number; readonly total: number; readonly stopDate: number }

export function executionIdOfMapRun(mapRunArn: string): string | undefined {
  const p = parseArn(mapRunArn);
  if (!p || p.resource !== 'mapRun' || p.parts.length !== 2) return undefined;
  const [smExec] = p.parts;
  const [sm, exec] = (smExec ?? '').split('/');
  return sm && exec ? `${sm}.${exec}` : undefined;
}

function notFound(arn: string): EngineError {
  return new EngineError('ResourceNotFound', `Map Run Does Not Exist: '${arn}'`);
}

type Counts = MapRunDescription['itemCounts'];

function counts(c: { pending: number; running: number; succeeded: number; failed: number; aborted: number; total: number; pendingRedrive?: number }): Counts {
  return { pending: c.pending, running: c.running, succeeded: c.succeeded, failed: c.failed, timedOut: 0, aborted: c.aborted, total: c.total, resultsWritten: c.succeeded + c.failed, failuresNotRedrivable: 0, pendingRedrive: c.pendingRedrive ?? 0 };
}

export async function describeMapRun(core: EngineCore, mapRunArn: string): Promise<MapRunDescription> {
  const id = executionIdOfMapRun(mapRunArn);
  if (!id) throw notFound(mapRunArn);
  const [rec, fin, [status, stopDate]] = await Promise.all([
    core.redis.hget(core.keys.mapRunsOf(id), mapRunArn),
    core.redis.hget(core.keys.mapRunsOf(id), `${mapRunArn}|final`),
    core.redis.hmget(core.keys.meta(id), 'status', 'stopDate'),
  ]);
  if (!rec) throw notFound(mapRunArn);
  const r = JSON.parse(rec) as MapRunRecord;
  const base = {
    mapRunArn, executionArn: r.executionArn, startDate: r.startDate, redriveCount: r.redriveCount ?? 0, ...(r.redriveDate !== undefined ? { redriveDate: r.redriveDate } : {}),
    maxConcurrency: r.maxConcurrency, toleratedFailureCount: r.toleratedFailureCount, toleratedFailurePercentage: r.toleratedFailurePercentage,
  };
  if (fin) {
    const f = JSON.parse(fin) as FinalCounts;
    const c = counts({ pending: 0, running: 0, succeeded: f.succeeded, failed: f.failed, aborted: Math.max(0, f.total - f.succeeded - f.failed), total: f.total });
    return { ...base, status: f.status, stopDate: f.stopDate, itemCounts: c, executionCounts: c };
  }
  const j = await core.redis.hmget(core.keys.frame(id, r.frame), 'jt', 'jl', 'jd', 'jf', 'jr', 'jm', 'jtc', 'jtp', 'jo', 'jq');
  const [jt, jl, jd, jf, jr, jm, jtc, jtp] = j.slice(0, 8).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number, number, number];
  const open = j[8] === '1' && status === 'RUNNING';
  if (!open) {
    const c = counts({ pending: 0, running: 0, succeeded: jd, failed: jf, aborted: Math.max(0, r.total - jd - jf), total: r.total });
    // a run its ended parent closed (stopped, failed elsewhere) stopped when the parent did
    const { closedAt } = runClosed(null, status, stopDate);
    return { ...base, status: status === 'RUNNING' || status === 'SUCCEEDED' ? 'SUCCEEDED' : 'ABORTED', ...(closedAt !== undefined ? { stopDate: closedAt } : {}), itemCounts: c, executionCounts: c };
  }
  // items a redrive queued behind MaxConcurrency (redrive-queue.lua) wait to be redriven
  const pendingRedrive = j[9] ? j[9].split(',').length : 0;
  const c = counts({ pending: jt - jl + pendingRedrive, running: jr, succeeded: jd, failed: jf, aborted: 0, total: jt, pendingRedrive });
  return { ...base, status: 'RUNNING', maxConcurrency: jm, toleratedFailureCount: Math.max(0, jtc), toleratedFailurePercentage: Math.max(0, jtp), itemCounts: c, executionCounts: c };
}

export async function listMapRuns(core: EngineCore, executionId: string): Promise<Array<{ mapRunArn: string; executionArn: string; stateMachineArn: string; startDate: number; stopDate?: number }>> {
  const all = await core.redis.hgetall(core.keys.mapRunsOf(executionId));
  const smArn = (await core.redis.hget(core.keys.meta(executionId), 'smArn')) ?? '';
  return Object.entries(all)
    .filter(([k]) => !k.endsWith('|final'))
    .map(([k, v]) => {
      const r = JSON.parse(v) as MapRunRecord;
      const fin = all[`${k}|final`];
      return { mapRunArn: k, executionArn: r.executionArn, stateMachineArn: smArn, startDate: r.startDate, ...(fin ? { stopDate: (JSON.parse(fin) as FinalCounts).stopDate } : {}) };
    })
    .sort((a, b) => a.startDate - b.startDate);
}

export async function updateMapRun(core: EngineCore, mapRunArn: string, u: { readonly maxConcurrency?: number; readonly toleratedFailurePercentage?: number; readonly toleratedFailureCount?: number }): Promise<void> {
  const id = executionIdOfMapRun(mapRunArn);
  if (!id) throw notFound(mapRunArn);
  const rec = await core.redis.hget(core.keys.mapRunsOf(id), mapRunArn);
  if (!rec) throw notFound(mapRunArn);
  const r = JSON.parse(rec) as MapRunRecord;
  if (u.maxConcurrency !== undefined && (!Number.isInteger(u.maxConcurrency) || u.maxConcurrency < 0)) throw new EngineError('ValidationException', 'maxConcurrency must be a non-negative integer');
  const mark = core.mark(id);
  const reply = await runMarked(core.redis, core.keys, id, SCRIPTS.updateMapRun, [core.keys.frame(id, r.frame), core.keys.outbox(id), core.keys.meta(id), core.keys.mapRunsOf(id)],
    [r.frame, u.maxConcurrency ?? '', u.toleratedFailureCount ?? '', u.toleratedFailurePercentage ?? '', core.keys.frame(id, ''), core.keys.signals(id, ''), core.clock.now()], mark);
  await core.relayAfterCommit(id, reply[0] === 1 ? entriesFromReply(reply.slice(1)) : [], mark);
  if (reply[0] !== 1) throw new EngineError('ConflictException', `Map Run is not running: '${mapRunArn}'`);
}

/** One item's child execution (map-run-items.lua); `f`: its frame, whose child history holds its events. */
export interface ItemRecord { readonly st: ExecutionStatus; readonly s: number; readonly t?: number; readonly rc?: number; readonly rd?: number; readonly f?: string }

/** Whether the run is closed (and since when): it closed itself, or its parent execution ended. */
export function runClosed(fin: string | null, status: string | null | undefined, stopDate: string | null | undefined): { closed: boolean; closedAt?: number } {
  if (fin !== null) return { closed: true, closedAt: (JSON.parse(fin) as FinalCounts).stopDate };
  if (status === 'RUNNING') return { closed: false };
  const at = Number(stopDate ?? 0) || undefined;
  return at !== undefined ? { closed: true, closedAt: at } : { closed: true };
}

/** An item's status as listed: still RUNNING (or queued by a redrive) in a closed run is ABORTED at the run's close. */
export function itemStatus(it: ItemRecord, run: { closed: boolean; closedAt?: number }): { status: ExecutionStatus; stopDate?: number } {
  const orphaned = (it.st === 'RUNNING' || it.st === 'PENDING_REDRIVE') && run.closed;
  const stop = orphaned ? run.closedAt : it.t;
  return { status: orphaned ? 'ABORTED' : it.st, ...(stop !== undefined ? { stopDate: stop } : {}) };
}

/**
 * ListExecutions by mapRunArn: the child workflow executions of a Distributed Map's run, one per
 * item that started, in item order. Their ARNs and state machine ARN follow AWS's shape for map
 * run children (`execution:<stateMachine>/<label>:<runId>-<index>`); DescribeExecution and
 * GetExecutionHistory find them through map-run-children.ts. An item still RUNNING (or queued by
 * a redrive) when its run closed or its parent ended is ABORTED at that date.
 */
export async function listMapRunExecutions(core: EngineCore, q: {
  readonly mapRunArn: string; readonly statusFilter?: ExecutionStatus; readonly redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN'; readonly maxResults?: number; readonly offset: number;
}): Promise<{ items: ExecutionListItem[]; next?: number }> {
  const id = executionIdOfMapRun(q.mapRunArn);
  const a = parseArn(q.mapRunArn);
  if (!id || !a) throw notFound(q.mapRunArn);
  const m = core.redis.multi();
  m.hget(core.keys.mapRunsOf(id), q.mapRunArn);
  m.hgetall(core.keys.mapRunItems(id, q.mapRunArn));
  m.hmget(core.keys.meta(id), 'status', 'stopDate');
  m.hget(core.keys.mapRunsOf(id), `${q.mapRunArn}|final`);
  const r = (await m.exec()) ?? [];
  const rec = (r[0]?.[1] ?? null) as string | null;
  if (rec === null) throw notFound(q.mapRunArn);
  const label = (JSON.parse(rec) as { label?: string }).label ?? '';
  const items = (r[1]?.[1] ?? {}) as Record<string, string>;
  const [status, stopDate] = (r[2]?.[1] ?? []) as (string | null)[];
  // a closed run (failed past tolerance, aborted) leaves no item running or waiting for a redrive
  const run = runClosed((r[3]?.[1] ?? null) as string | null, status, stopDate);
  const sm = (a.parts[0] ?? '').split('/')[0] ?? '';
  const runId = a.parts[1] ?? '';
  const head = `arn:${a.partition}:states:${a.region}:${a.accountId}`;
  const all = Object.entries(items)
    .map(([idx, text]) => [Number(idx), JSON.parse(text) as ItemRecord] as const)
    .sort((x, y) => x[0] - y[0]);
  const max = q.maxResults !== undefined && q.maxResults > 0 ? Math.min(q.maxResults, 1000) : 100;
  const out: ExecutionListItem[] = [];
  let i = q.offset;
  for (; i < all.length && out.length < max; i++) {
    const [idx, it] = all[i] as readonly [number, ItemRecord];
    const { status: st, stopDate: stop } = itemStatus(it, run);
    const rc = it.rc ?? 0;
    if (q.statusFilter !== undefined && q.statusFilter !== st) continue;
    if (q.redriveFilter === 'REDRIVEN' && rc === 0) continue;
    if (q.redriveFilter === 'NOT_REDRIVEN' && rc > 0) continue;
    out.push({
      executionArn: `${head}:execution:${sm}/${label}:${runId}-${idx}`, stateMachineArn: `${head}:stateMachine:${sm}/${label}`,
      name: `${runId}-${idx}`, status: st, startDate: it.s, ...(stop !== undefined ? { stopDate: stop } : {}), redriveCount: rc,
      ...(it.rd !== undefined ? { redriveDate: it.rd } : {}), mapRunArn: q.mapRunArn,
    });
  }
  return i < all.length ? { items: out, next: i } : { items: out };
}

/**
 * createEngine(): the ExecutionEngine the api codes against (facade.ts), over the durable core.
 * Starts, stops, describes and lists executions, pages history, answers task tokens, serves
 * activity long polls and waiting tasks, and runs EXPRESS machines in memory (express.ts; an
 * asynchronous EXPRESS start is a queue job the workers run, express-jobs.ts).
 */
import { randomUUID } from 'node:crypto';
import { arns, isValidResourceName } from '@stepwise/protocol';
import type { Json } from '@stepwise/asl';
import { EngineCore, type EngineOptions } from './core.js';
import {
  EngineError, type ExecutionDescription, type ExecutionEngine, type ExecutionListItem, type ExecutionStatus, type MapRunDescription,
  type Page, type StartExecutionRequest, type StartExecutionResult, type StoredHistoryEvent, type SyncExecutionResult, type WaitingTask,
} from './facade.js';
import { executionIdOf, parseTaskToken } from './ids.js';
import { completeTaskScript, startExecutionScript, startWithStepScript, stopExecutionScript, type StartArgs } from './scripts/scripts.js';
import { timerMember, parseTimerMember } from './timers/timer-record.js';
import { fireMembers } from './timers/due-timers.js';
import type { OutboxEntry } from './queues/outbox.js';
import type { ChainableCommander } from 'ioredis';
import { nestedIntegration, type ParentLink } from './integrations/nested-execution.js';
import { runExpress } from './express.js';
import { enqueueExpress } from './express-jobs.js';
import { redriveExecution } from './redrive.js';
import { planStep, recordCommitted, type PlannedStep } from './advance.js';
import { describeMapRun, listMapRunExecutions, listMapRuns, updateMapRun } from './map-runs.js';
import { findMapRunChild } from './map-run-children.js';
import { countActivityClosed, countActivityStarted, countClosed, countCommit, countStarted } from './metrics.js';
import { startedField } from './activity-times.js';
import { executionTraceFields } from './tracing.js';
import { markStateMachineDeleted, parentNotification } from './machine-deleted.js';

export interface ResolvedStateMachine {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly definition: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn?: string;
  readonly versionArn?: string;
  /** The alias ARN it was resolved through (versionArn is then the version the alias routed to). */
  readonly aliasArn?: string;
}

export interface CreateEngineOptions extends EngineOptions {
  /** Resolves a state machine (or version) ARN for nested executions. */
  readonly resolveStateMachine?: (arn: string) => Promise<ResolvedStateMachine | undefined>;
  /**
   * Run an execution's first step inside StartExecution (default true): states that need no
   * outside work complete without a queue round trip. False leaves every step to the workers.
   */
  readonly inlineFirstStep?: boolean;
}

/** The ExecutionEngine plus what the worker and scheduler need (the core). */
export interface DurableEngine extends ExecutionEngine {
  readonly core: EngineCore;
}

function pageToken(n: number): string {
  return Buffer.from(String(n)).toString('base64url');
}
function fromToken(t: string | undefined): number {
  if (t === undefined) return 0;
  const n = Number(Buffer.from(t, 'base64url').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw new EngineError('InvalidToken', 'Invalid nextToken.');
  return n;
}

export function createEngine(opts: CreateEngineOptions): DurableEngine {
  // eslint-disable-next-line prefer-const
  let engine: DurableEngine;
  const core: EngineCore = new EngineCore(opts, {
    stopChild: async (arn) => {
      try {
        await engine.stopExecution(arn, 'States.Aborted', 'The parent execution was stopped.');
      } catch (e) {
        if (!(e instanceof EngineError && e.code === 'ExecutionDoesNotExist')) throw e;
      }
    },
    notifyParent: async (e) => notifyParent(e),
  });

  const idOf = (arn: string): string => {
    const id = executionIdOf(arn);
    if (id === undefined) throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return id;
  };

  async function readMeta(arn: string): Promise<Record<string, string>> {
    const meta = await core.redis.hgetall(core.keys.meta(idOf(arn)));
    if (!meta.status) throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return meta;
  }

  /** A nested child ended: answer its parent's waiting task with AWS's .sync shapes. */
  async function notifyParent(e: Extract<OutboxEntry, { t: 'notify' }>): Promise<void> {
    const d = await engine.describeExecution(e.arn);
    const sync2 = e.pattern === 'sync2';
    const parse = (t: string | undefined): Json => (t === undefined ? null : (JSON.parse(t) as Json));
    const body: Record<string, Json> = {
      ExecutionArn: d.executionArn,
      Input: sync2 ? parse(d.input) : d.input,
      InputDetails: { Included: true },
      Name: d.name,
      StartDate: d.startDate,
      StateMachineArn: d.stateMachineArn,
      Status: d.status,
      StopDate: d.stopDate ?? null,
    };
    if (d.output !== undefined) {
      body.Output = sync2 ? parse(d.output) : d.output;
      body.OutputDetails = { Included: true };
    }
    if (d.error !== undefined) body.Error = d.error;
    if (d.cause !== undefined) body.Cause = d.cause;
    // the StartExecution response, for the parent's TaskSubmitted when this answer reaches it
    // before the dispatcher's hand-off does (a child that ended within its own start)
    const handOff = { ExecutionArn: d.executionArn, StartDate: new Date(d.startDate).toISOString() };
    const signal = d.status === 'SUCCEEDED'
      ? { kind: 'taskSucceeded', output: body, handOff }
      : { kind: 'taskFailed', error: 'States.TaskFailed', cause: JSON.stringify(body), handOff };
    const mark = core.mark(e.pe);
    const r = await completeTaskScript(core.redis, core.keys, e.pe, { frame: e.pf, waitId: e.pw, token: '', mode: 'terminal', signal: JSON.stringify(signal), now: core.clock.now(), ...(e.pg !== undefined ? { taskGeneration: e.pg } : {}) }, mark);
    await core.relayAfterCommit(e.pe, r.kind === 'accepted' ? r.entries : [], mark);
  }

  /**
   * The first step, computed by the pure interpreter from the start's own input before anything
   * is written (the execution's meta as start-execution.lua will write it). Undefined when it
   * cannot be computed here: the workers then run it.
   */
  async function planFirstStep(id: string, fields: Record<string, string | number>, input: string): Promise<{ meta: Record<string, string>; step: Extract<PlannedStep, { kind: 'plan' }> } | undefined> {
    const meta: Record<string, string> = { status: 'RUNNING', ec: '0', input };
    for (const f in fields) meta[f] = String(fields[f]);
    try {
      const p = await planStep(core, { e: id, f: 'root', v: 0 }, { meta, frame: {}, signal: null, childInput: null, spawn: null });
      return p.kind === 'plan' ? { meta, step: p } : undefined;
    } catch (e) {
      core.log('warn', 'first step could not run inline; queueing it', { executionId: id, error: String(e) });
      return undefined;
    }
  }

  /**
   * One round trip for the start and its first step (start-with-step.lua). When the step leaves
   * nothing to relay (no task, timer or signal: a start that runs to its end, as Pass and Choice
   * chains do), the commit is the whole start: no dirty mark, no relay. Otherwise the dirty mark
   * goes first in the same round trip and the relay runs after the answer (the sweep finishes it
   * after a crash): the answer waits only for the durable commit.
   */
  async function startWithFirstStep(
    id: string, arn: string, now: number, smName: string, startArgs: StartArgs,
    first: { meta: Record<string, string>; step: Extract<PlannedStep, { kind: 'plan' }> }, pre: ChainableCommander,
  ): Promise<StartExecutionResult> {
    const plan = first.step.args.plan;
    const relays = startArgs.timeoutMember !== '' || plan.ob.length > 0 || plan.sig !== undefined;
    const mark = relays ? core.mark(id) : undefined;
    let r: Awaited<ReturnType<typeof startWithStepScript>>;
    try {
      r = await startWithStepScript(core.redis, core.keys, id, startArgs, first.step.args, mark, pre);
    } catch (e) {
      // The script may have stopped after creating the execution (a Lua error is not rolled
      // back): its advance entry is then in the outbox, and the mark lets the sweep relay it.
      if (!mark) {
        const late = core.mark(id);
        await core.redis.zadd(core.keys.dirty(), late.score, late.member).catch(() => undefined);
      }
      throw e;
    }
    const { start: started, step } = r;
    if (step) countCommit(step.kind);
    switch (started.kind) {
      case 'created': {
        countStarted(smName);
        if (step?.kind === 'committed') await recordCommitted(first.meta, 'root', first.step);
        const entries = step?.kind === 'committed' ? [...started.entries, ...step.entries] : started.entries;
        if (mark) core.relayInBackground(id, entries, mark);
        else if (entries.length > 0) {
          // Not expected (the plan said nothing to relay), but never left unmarked.
          const late = core.mark(id);
          await core.redis.zadd(core.keys.dirty(), late.score, late.member);
          await core.relayAfterCommit(id, entries, late);
        }
        return { executionArn: arn, startDate: now };
      }
      case 'running':
        if (mark) core.relayInBackground(id, [], mark);
        return { executionArn: arn, startDate: started.startDate };
      case 'exists':
        if (mark) core.relayInBackground(id, [], mark);
        throw new EngineError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      default: {
        const never: never = started;
        throw new Error(`unknown reply ${JSON.stringify(never)}`);
      }
    }
  }

  async function start(req: StartExecutionRequest, parent?: ParentLink): Promise<StartExecutionResult> {
    const name = req.name ?? randomUUID();
    if (!isValidResourceName(name)) throw new EngineError('InvalidName', `Invalid Name: '${name}'`);
    let input: Json;
    try {
      input = JSON.parse(req.input) as Json;
    } catch {
      throw new EngineError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not valid JSON.');
    }
    void input;
    if (Buffer.byteLength(req.input) > core.limits.payloadBytes) {
      throw new EngineError('InvalidExecutionInput', `The input exceeds the maximum number of bytes: ${core.limits.payloadBytes} bytes.`);
    }
    const arn = arns.execution(core.scope, req.stateMachineName, name);
    const id = idOf(arn);
    const now = core.clock.now();
    const dh = EngineCore.definitionHash(req.definition);
    const program = core.program(req.definition, dh);
    const timeoutMember = program.timeoutSeconds !== undefined ? timerMember({ executionId: id, frame: 'root', waitId: 'exec', kind: 'exec' }) : '';
    const timeoutDue = program.timeoutSeconds !== undefined ? now + core.scaled(program.timeoutSeconds * 1000) : 0;
    const fields: Record<string, string | number> = {
      arn, smArn: req.stateMachineArn, smName: req.stateMachineName, name, type: req.type, startDate: now, dh, rc: 0,
      role: req.roleArn ?? '',
      // this start's own id: a start re-sent by ioredis after a reconnect finds its own execution
      // (created by the first send) and answers as that start, not ExecutionAlreadyExists
      sn: randomUUID(),
    };
    if (req.stateMachineVersionArn !== undefined) fields.vArn = req.stateMachineVersionArn;
    if (req.stateMachineAliasArn !== undefined) fields.aArn = req.stateMachineAliasArn;
    if (req.traceHeader !== undefined) fields.trace = req.traceHeader;
    Object.assign(fields, executionTraceFields({ executionArn: arn, stateMachineName: req.stateMachineName, stateMachineArn: req.stateMachineArn, type: req.type, executionName: name }, req.traceHeader));
    if (req.mockTestCase !== undefined) fields.mock = req.mockTestCase;
    if (parent) Object.assign(fields, parent);
    // One round trip: the definition (by hash), the list indexes and the dirty mark go before the
    // start commit; a crash in between leaves only idempotent, harmless writes.
    const pre = core.redis.pipeline();
    pre.set(core.keys.definition(dh), req.definition, 'NX');
    pre.zadd(core.keys.executions(), now, arn);
    pre.zadd(core.keys.executionsOf(req.stateMachineArn), now, arn);
    // AWS lists an execution under the version or alias it was started through (an alias start
    // under the alias and the version it routed to): ListExecutions by that ARN reads these.
    if (req.stateMachineVersionArn !== undefined) pre.zadd(core.keys.executionsOf(req.stateMachineVersionArn), now, arn);
    if (req.stateMachineAliasArn !== undefined) pre.zadd(core.keys.executionsOf(req.stateMachineAliasArn), now, arn);
    const startArgs = { input: req.input, timeoutMember, timeoutDue, fields };
    const first = opts.inlineFirstStep !== false ? await planFirstStep(id, fields, req.input) : undefined;
    if (first) return startWithFirstStep(id, arn, now, req.stateMachineName, startArgs, first, pre);
    const mark = core.mark(id);
    const r = await startExecutionScript(core.redis, core.keys, id, startArgs, mark, pre);
    switch (r.kind) {
      case 'created':
        countStarted(req.stateMachineName);
        await core.relayAfterCommit(id, r.entries, mark);
        return { executionArn: arn, startDate: now };
      case 'running':
        await core.relayAfterCommit(id, [], mark);
        return { executionArn: arn, startDate: r.startDate };
      case 'exists':
        await core.relayAfterCommit(id, [], mark);
        throw new EngineError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      default: {
        const never: never = r;
        throw new Error(`unknown start reply ${JSON.stringify(never)}`);
      }
    }
  }

  async function answer(taskToken: string, mode: 'terminal' | 'heartbeat', signal: string, outcome?: 'succeeded' | 'failed'): Promise<void> {
    const t = parseTaskToken(taskToken);
    if (!t) throw new EngineError('InvalidToken', 'Invalid Token');
    const mark = core.mark(t.executionId);
    const now = core.clock.now();
    const r = await completeTaskScript(core.redis, core.keys, t.executionId, { frame: t.frameId, waitId: t.waitId, token: taskToken, mode, signal, now }, mark);
    switch (r.kind) {
      case 'accepted':
        await core.relayAfterCommit(t.executionId, r.entries, mark);
        await core.redis.zrem(core.keys.waitingTasks(), taskToken);
        if (outcome !== undefined) {
          const [info, started] = await core.redis.hmget(core.keys.taskInfo(t.executionId), taskToken, startedField(taskToken));
          const w = info ? (JSON.parse(info) as WaitingTask) : undefined;
          if (w?.kind === 'activity') countActivityClosed(w.resource, outcome, w.since, started ? Number(started) : undefined, now);
        }
        return;
      case 'heartbeat':
        await core.relayAfterCommit(t.executionId, [], mark);
        if (r.due > 0) await core.redis.zadd(core.keys.timers(), r.due, timerMember({ executionId: t.executionId, frame: t.frameId, waitId: t.waitId, kind: 'hb' }));
        return;
      case 'duplicate':
        await core.relayAfterCommit(t.executionId, [], mark);
        return;
      case 'invalidToken':
        await core.relayAfterCommit(t.executionId, [], mark);
        throw new EngineError('InvalidToken', 'Invalid Token');
      // AWS answers a token that was used already as one whose task timed out
      case 'answered':
      case 'timedOut':
        await core.relayAfterCommit(t.executionId, [], mark);
        throw new EngineError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
      default: {
        const never: never = r;
        throw new Error(`unknown reply ${JSON.stringify(never)}`);
      }
    }
  }

  engine = {
    core,
    async startExecution(req) {
      if (req.type === 'EXPRESS') {
        const name = req.name ?? randomUUID();
        if (!isValidResourceName(name)) throw new EngineError('InvalidName', `Invalid Name: '${name}'`);
        return enqueueExpress(core, { ...req, name });
      }
      return start(req);
    },

    async startSyncExecution(req): Promise<SyncExecutionResult> {
      if (req.type !== 'EXPRESS') throw new EngineError('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
      const name = req.name ?? randomUUID();
      countStarted(req.stateMachineName);
      return runExpress(core, { ...req, name }, arns.expressExecution(core.scope, req.stateMachineName, name));
    },

    async stopExecution(executionArn, error, cause) {
      const id = idOf(executionArn);
      const meta = await readMeta(executionArn);
      const now = core.clock.now();
      const notify = parentNotification({ ...meta, arn: executionArn });
      const mark = core.mark(id);
      const r = await stopExecutionScript(core.redis, core.keys, id, {
        now, status: 'ABORTED', eventType: 'ExecutionAborted', detailsField: 'executionAbortedEventDetails',
        timestamp: new Date(now).toISOString(), error: error ?? '', cause: cause ?? '', notify,
      }, mark);
      switch (r.kind) {
        case 'stopped':
          countClosed(meta.smName ?? '', 'ABORTED', Number(meta.startDate ?? now), now);
          await core.relayAfterCommit(id, r.entries, mark);
          return { stopDate: r.stopDate };
        case 'ended':
          await core.relayAfterCommit(id, [], mark);
          return { stopDate: r.stopDate };
        case 'missing':
          await core.relayAfterCommit(id, [], mark);
          throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
        default: {
          const never: never = r;
          throw new Error(`unknown reply ${JSON.stringify(never)}`);
        }
      }
    },

    async describeExecution(executionArn): Promise<ExecutionDescription> {
      const child = await findMapRunChild(core, executionArn);
      if (child) return child.description;
      const m = await readMeta(executionArn);
      const definition = m.dh !== undefined ? await core.redis.get(core.keys.definition(m.dh)) : null;
      return describe(m, definition ?? '');
    },

    async listExecutions(q): Promise<Page<ExecutionListItem>> {
      const max = q.maxResults !== undefined && q.maxResults > 0 ? Math.min(q.maxResults, 1000) : 100;
      let offset = fromToken(q.nextToken);
      if (q.mapRunArn !== undefined) {
        const page = await listMapRunExecutions(core, { ...q, mapRunArn: q.mapRunArn, offset });
        return page.next !== undefined ? { items: page.items, nextToken: pageToken(page.next) } : { items: page.items };
      }
      const key = q.stateMachineArn !== undefined ? core.keys.executionsOf(q.stateMachineArn) : core.keys.executions();
      const items: ExecutionListItem[] = [];
      for (;;) {
        const arnsPage = await core.redis.zrevrange(key, offset, offset + max - 1);
        if (arnsPage.length === 0) return { items };
        const pipe = core.redis.pipeline();
        for (const a of arnsPage) pipe.hmget(core.keys.meta(executionIdOf(a) ?? ''), 'status', 'smArn', 'name', 'startDate', 'stopDate', 'rc', 'vArn', 'aArn', 'rd');
        const res = (await pipe.exec()) ?? [];
        for (let i = 0; i < arnsPage.length; i++) {
          offset++;
          const v = res[i]?.[1] as (string | null)[] | undefined;
          if (!v?.[0]) continue;
          const status = v[0] as ExecutionStatus;
          if (q.statusFilter !== undefined && q.statusFilter !== status) continue;
          const rc = Number(v[5] ?? 0);
          if (q.redriveFilter === 'REDRIVEN' && rc === 0) continue;
          if (q.redriveFilter === 'NOT_REDRIVEN' && rc > 0) continue;
          items.push({
            executionArn: arnsPage[i] as string, stateMachineArn: v[1] ?? '', name: v[2] ?? '', status, startDate: Number(v[3]),
            ...(v[4] ? { stopDate: Number(v[4]) } : {}), redriveCount: rc, ...(v[8] ? { redriveDate: Number(v[8]) } : {}),
            ...(v[6] ? { stateMachineVersionArn: v[6] } : {}), ...(v[7] ? { stateMachineAliasArn: v[7] } : {}),
          });
          if (items.length === max) return { items, nextToken: pageToken(offset) };
        }
      }
    },

    async hasRunningExecutions(stateMachineArn) {
      // Pages of 500, one pipelined status read each; stops at the first RUNNING one.
      const key = core.keys.executionsOf(stateMachineArn);
      for (let offset = 0; ; offset += 500) {
        const page = await core.redis.zrange(key, offset, offset + 499);
        if (page.length === 0) return false;
        const pipe = core.redis.pipeline();
        for (const a of page) pipe.hget(core.keys.meta(executionIdOf(a) ?? ''), 'status');
        const res = (await pipe.exec()) ?? [];
        if (res.some(([err, status]) => err === null && status === 'RUNNING')) return true;
      }
    },

    async markStateMachineDeleted(stateMachineArn, startedSince) {
      return markStateMachineDeleted(core, stateMachineArn, startedSince);
    },

    async getExecutionHistory(executionArn, q): Promise<Page<StoredHistoryEvent>> {
      // a Distributed Map child execution pages its own history
      const child = await findMapRunChild(core, executionArn);
      const id = child ? child.executionId : idOf(executionArn);
      const key = child ? (child.historyKey ?? '') : core.keys.history(id);
      const max = q.maxResults !== undefined && q.maxResults > 0 ? Math.min(q.maxResults, 1000) : 1000;
      const pos = fromToken(q.nextToken);
      const m = core.redis.multi();
      m.exists(core.keys.meta(id));
      m.llen(key);
      if (q.reverseOrder === true) m.lrange(key, -(pos + max), -(pos + 1));
      else m.lrange(key, pos, pos + max - 1);
      const r = (await m.exec()) ?? [];
      if (r[0]?.[1] !== 1) throw new EngineError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
      const total = Number(r[1]?.[1] ?? 0);
      let texts = (r[2]?.[1] as string[] | undefined) ?? [];
      if (q.reverseOrder === true) {
        const end = total - pos;
        texts = texts.slice(Math.max(0, texts.length - Math.max(0, end))).reverse();
      }
      const items = texts.map((t) => toStored(JSON.parse(t) as Record<string, unknown>, q.includeExecutionData !== false));
      const next = pos + items.length;
      return next < total && items.length > 0 ? { items, nextToken: pageToken(next) } : { items };
    },

    async redriveExecution(executionArn) {
      return redriveExecution(core, idOf(executionArn), executionArn);
    },

    async sendTaskSuccess(taskToken, output) {
      let parsed: Json;
      try {
        parsed = JSON.parse(output) as Json;
      } catch {
        throw new EngineError('InvalidOutput', 'Invalid Output: the output is not valid JSON.');
      }
      if (Buffer.byteLength(output) > core.limits.payloadBytes) throw new EngineError('InvalidOutput', `The output exceeds the maximum number of bytes: ${core.limits.payloadBytes} bytes.`);
      await answer(taskToken, 'terminal', JSON.stringify({ kind: 'taskSucceeded', output: parsed }), 'succeeded');
    },
    async sendTaskFailure(taskToken, error, cause) {
      await answer(taskToken, 'terminal', JSON.stringify({ kind: 'taskFailed', ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) }), 'failed');
    },
    async sendTaskHeartbeat(taskToken) {
      await answer(taskToken, 'heartbeat', '{}');
    },

    async getActivityTask(activityArn, _workerName, waitMs, signal) {
      const deadline = Date.now() + waitMs;
      const conn = core.redis.duplicate();
      conn.on('error', () => undefined); // reconnects; errors surface on the command
      const onAbort = () => conn.disconnect();
      signal?.addEventListener('abort', onAbort);
      try {
        while (!signal?.aborted) {
          const left = deadline - Date.now();
          if (left <= 0) return undefined;
          let popped: [string, string] | null;
          try {
            popped = await conn.brpop(core.keys.activityQueue(activityArn), Math.max(0.01, left / 1000));
          } catch (e) {
            if (signal?.aborted) return undefined;
            throw e;
          }
          if (!popped) return undefined;
          const token = popped[1];
          const t = parseTaskToken(token);
          if (!t) continue;
          const mark = core.mark(t.executionId);
          const now = core.clock.now();
          const r = await completeTaskScript(core.redis, core.keys, t.executionId, { frame: t.frameId, waitId: t.waitId, token, mode: 'started', signal: '{"kind":"taskStarted"}', now }, mark);
          await core.relayAfterCommit(t.executionId, r.kind === 'accepted' ? r.entries : [], mark);
          if (r.kind !== 'accepted') continue;
          const info = await core.redis.hget(core.keys.taskInfo(t.executionId), token);
          const w = info ? (JSON.parse(info) as WaitingTask) : undefined;
          const input = w ? w.input : '{}';
          if (w) {
            // ActivityRunTime is measured from here: kept beside the task's info, removed with it.
            await core.redis.hsetnx(core.keys.taskInfo(t.executionId), startedField(token), String(now));
            countActivityStarted(w.resource, w.since, now);
          }
          return { taskToken: token, input };
        }
        return undefined;
      } finally {
        signal?.removeEventListener('abort', onAbort);
        conn.disconnect();
      }
    },

    async listWaitingTasks(q): Promise<Page<WaitingTask>> {
      const max = q.maxResults !== undefined && q.maxResults > 0 ? Math.min(q.maxResults, 1000) : 100;
      let offset = fromToken(q.nextToken);
      const items: WaitingTask[] = [];
      for (;;) {
        const toks = await core.redis.zrange(core.keys.waitingTasks(), offset, offset + 199);
        if (toks.length === 0) return { items };
        for (const tok of toks) {
          offset++;
          const t = parseTaskToken(tok);
          if (!t) continue;
          const [status, info] = await Promise.all([core.redis.hget(core.keys.tokens(t.executionId), tok), core.redis.hget(core.keys.taskInfo(t.executionId), tok)]);
          if (status !== 'open' || !info) {
            await core.redis.zrem(core.keys.waitingTasks(), tok);
            offset--;
            continue;
          }
          const w = JSON.parse(info) as WaitingTask;
          if (q.executionArn !== undefined && w.executionArn !== q.executionArn) continue;
          if (q.activityArn !== undefined && w.resource !== q.activityArn) continue;
          if (q.kind !== undefined && w.kind !== q.kind) continue;
          items.push(w);
          if (items.length === max) return { items, nextToken: pageToken(offset) };
        }
      }
    },

    async describeMapRun(mapRunArn): Promise<MapRunDescription> {
      return describeMapRun(core, mapRunArn);
    },
    async listMapRuns(executionArn, q) {
      await readMeta(executionArn);
      const all = await listMapRuns(core, idOf(executionArn));
      const max = q.maxResults !== undefined && q.maxResults > 0 ? q.maxResults : 100;
      const from = fromToken(q.nextToken);
      const items = all.slice(from, from + max);
      return from + max < all.length ? { items, nextToken: pageToken(from + max) } : { items };
    },
    async updateMapRun(mapRunArn, u) {
      await updateMapRun(core, mapRunArn, u);
    },

    async fireTimerNow(executionArn) {
      if (core.timeScale === 1 && opts.allowFireTimerNow !== true) throw new EngineError('ValidationException', 'fireTimerNow is available only when STEPWISE_TIME_SCALE is set.');
      const id = idOf(executionArn);
      const timers = await core.redis.hgetall(core.keys.execTimers(id));
      const members = Object.entries(timers).filter(([m]) => parseTimerMember(m)?.kind !== 'exec').sort((a, b) => Number(a[1]) - Number(b[1]));
      const first = members[0];
      if (!first) return false;
      const [reply] = await fireMembers(core, [first[0]], core.clock.now());
      if (reply?.kind === 'fired') await core.redis.zrem(core.keys.timers(), first[0]);
      return reply?.kind === 'fired';
    },

    async close() {
      await core.close();
    },
  };
  core.integrations.nested = nestedIntegration(core, {
    resolve: opts.resolveStateMachine,
    start: (req, parent) => start(req, parent),
    addChild: async (id, arn) => {
      await core.redis.sadd(core.keys.children(id), arn);
    },
    stop: async (arn) => {
      await engine.stopExecution(arn, 'States.Aborted', 'The parent execution was stopped.').catch(() => undefined);
    },
  });
  return engine;

  function describe(m: Record<string, string>, definition: string): ExecutionDescription {
    const status = m.status as ExecutionStatus;
    const ended = status !== 'RUNNING';
    return {
      executionArn: m.arn ?? '',
      stateMachineArn: m.smArn ?? '',
      ...(m.vArn !== undefined ? { stateMachineVersionArn: m.vArn } : {}),
      ...(m.aArn !== undefined ? { stateMachineAliasArn: m.aArn } : {}),
      name: m.name ?? '',
      status,
      startDate: Number(m.startDate),
      ...(m.stopDate !== undefined ? { stopDate: Number(m.stopDate) } : {}),
      input: m.input ?? '{}',
      ...(m.output !== undefined ? { output: m.output } : {}),
      ...(m.error !== undefined ? { error: m.error } : {}),
      ...(m.cause !== undefined ? { cause: m.cause } : {}),
      ...(m.trace !== undefined ? { traceHeader: m.trace } : {}),
      redriveCount: Number(m.rc ?? 0),
      ...(m.rd !== undefined ? { redriveDate: Number(m.rd) } : {}),
      redriveStatus: ended && status !== 'SUCCEEDED' ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
      ...(!ended ? { redriveStatusReason: 'Execution is RUNNING and cannot be redriven' } : status === 'SUCCEEDED' ? { redriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' } : {}),
      definition,
    };
  }
}

function toStored(e: Record<string, unknown>, includeData: boolean): StoredHistoryEvent {
  const out: Record<string, unknown> = { ...e, timestamp: Date.parse(String(e.timestamp)) };
  if (!includeData) {
    for (const [k, v] of Object.entries(out)) {
      if (k.endsWith('EventDetails') && v !== null && typeof v === 'object') {
        const d = { ...(v as Record<string, unknown>) };
        delete d.input;
        delete d.output;
        out[k] = d;
      }
    }
  }
  return out as unknown as StoredHistoryEvent;
}

export { executionIdOf };

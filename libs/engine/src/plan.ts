/**
 * Turns one StepResult of the pure interpreter into the commit plan of commit-step.lua: what the
 * frame waits for next, its timers (scaled by STEPWISE_TIME_SCALE), the outbox entries that make
 * the next thing happen, and how a frame that ended closes (the execution, or a join).
 */
import { parseResource, toJsonText, type Json, type Signal, type StepResult } from '@stepwise/asl';
import { randomUUID } from 'node:crypto';
import { arns, parseArn } from '@stepwise/protocol';
import { childFrameId, type ExecutionId, type FrameId } from './keys.js';
import type { CommitPlan } from './scripts/scripts.js';
import { timerMember, type TimerKind } from './timers/timer-record.js';
import type { WaitingTask } from './facade.js';
import type { OutboxEntry } from './queues/outbox.js';

/** The built-in human step: registers the waiting task, dispatches nothing. */
export const APPROVAL_RESOURCE = 'arn:stepwise:states:::approval.waitForTaskToken';

/**
 * The approval step takes its deadline from its own `TimeoutSeconds` parameter (docs: the human
 * step) when the state sets no TimeoutSeconds: past it the step fails with States.Timeout.
 */
function approvalTimeoutSeconds(resource: string, input: Json): number | undefined {
  if (resource !== APPROVAL_RESOURCE || typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const t = input['TimeoutSeconds'];
  return typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : undefined;
}

export interface PlanInput {
  readonly executionId: ExecutionId;
  readonly executionArn: string;
  readonly frameId: FrameId;
  /** The frame version the step was run on (the new version is this + 1). */
  readonly version: number;
  readonly now: number;
  readonly scaled: (ms: number) => number;
  readonly result: StepResult;
  /** The signal the step consumed, if any. */
  readonly signal?: Signal | { readonly kind: 'join' };
  /** Where a new child frame hangs (parent frame id, index). */
  readonly child?: { readonly parent: FrameId; readonly index: number };
  /** The frame state the step resumed, when the frame was waiting for its children. */
  readonly leftChildren?: string;
  /** The parent execution's task waiting for this (nested) execution to end. */
  readonly notify?: { readonly pe: string; readonly pf: string; readonly pw: string; readonly pattern: string; readonly pg?: string };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A Distributed Map's map run: its ARN (`…:mapRun:<stateMachine>/<execution>:<id>`) and record. */
function mapRunRecord(p: PlanInput, b: Extract<StepResult['blocked'], { kind: 'map' }>, total: number, max: number): { id: string; record: [string, string] } {
  const a = parseArn(p.executionArn);
  const id = randomUUID();
  const arn = a && a.parts.length === 2
    ? arns.mapRun({ partition: a.partition, region: a.region, accountId: a.accountId }, a.parts[0] ?? '', a.parts[1] ?? '', id)
    : `${p.executionArn}:mapRun:${id}`;
  return { id, record: [arn, JSON.stringify({
    mapRunArn: arn, executionArn: p.executionArn, frame: p.frameId, startDate: p.now, total, maxConcurrency: max,
    toleratedFailureCount: b.toleratedFailureCount ?? 0, toleratedFailurePercentage: b.toleratedFailurePercentage ?? 0, label: b.label ?? b.spawn.stateName,
    // the ItemProcessor's JSON pointer: the map run's own definition (DescribeStateMachineForExecution of a child)
    scope: b.spawn.scopes[0] ?? '',
  })] };
}

export function toPlan(p: PlanInput): CommitPlan {
  const { result, frameId } = p;
  const wid = String(p.version + 1);
  const plan: Mutable<CommitPlan> = {
    f: frameId,
    pop: p.signal ? 1 : 0,
    keep: 0,
    wait: null,
    ob: [],
    tok: null,
    tm: [],
    join: null,
    clearJoin: p.signal && (p.signal.kind === 'join' || p.signal.kind === 'childrenFailed') ? 1 : 0,
    end: null,
    root: frameId === 'root' ? 1 : 0,
  };
  // a fan-out left by anything but its join (failed, timed out) keeps its join for a redrive
  if (p.leftChildren !== undefined && p.signal && p.signal.kind !== 'join') {
    plan.clearJoin = 1;
    plan.sj = p.leftChildren;
  }
  if (p.child) {
    plan.parent = p.child.parent;
    plan.idx = p.child.index;
  }
  const add = (id: string, e: OutboxEntry) => plan.ob.push([id, JSON.stringify(e)]);
  const timer = (kind: TimerKind, due: number) => {
    const m = timerMember({ executionId: p.executionId, frame: frameId, waitId: wid, kind });
    plan.tm.push([m, due]);
    add(`timer|${m}`, { t: 'timer', m, due });
  };
  const b = result.blocked;
  switch (b.kind) {
    case 'task': {
      if (p.signal && (p.signal.kind === 'taskStarted' || p.signal.kind === 'taskSubmitted')) {
        plan.keep = 1;
        break;
      }
      const timeoutSeconds = b.timeoutSeconds ?? approvalTimeoutSeconds(b.resource, b.input);
      const hbms = b.heartbeatSeconds !== undefined ? p.scaled(b.heartbeatSeconds * 1000) : undefined;
      plan.wait = { wk: 'task', tg: String(p.now), ...(b.taskToken !== undefined ? { tok: b.taskToken } : {}), ...(hbms !== undefined ? { hbms, hbd: p.now + hbms } : {}) };
      if (timeoutSeconds !== undefined) timer('timeout', p.now + p.scaled(timeoutSeconds * 1000));
      if (hbms !== undefined) timer('hb', p.now + hbms);
      const family = parseResource(b.resource).family;
      const kind: WaitingTask['kind'] = family === 'activity' ? 'activity' : b.resource === APPROVAL_RESOURCE ? 'approval' : 'callback';
      if (b.taskToken !== undefined) {
        const info: WaitingTask = {
          taskToken: b.taskToken,
          executionArn: p.executionArn,
          stateName: b.stateName,
          resource: b.resource,
          input: toJsonText(b.input),
          since: p.now,
          ...(timeoutSeconds !== undefined ? { deadline: p.now + p.scaled(timeoutSeconds * 1000) } : {}),
          kind,
        };
        plan.tok = [b.taskToken, JSON.stringify(info)];
      }
      if (family === 'activity' && b.taskToken !== undefined) {
        add(`act|${frameId}|${wid}`, { t: 'act', arn: b.resource, tok: b.taskToken });
      } else {
        if (b.taskToken !== undefined) add(`wtask|${frameId}|${wid}`, { t: 'wtask', tok: b.taskToken, since: p.now });
        if (b.resource !== APPROVAL_RESOURCE) add(`task|${frameId}|${wid}`, { t: 'task', f: frameId, w: wid, g: p.now });
      }
      break;
    }
    case 'timer': {
      plan.wait = { wk: 'timer' };
      timer(b.reason, p.now + p.scaled(Math.max(0, b.until - p.now)));
      break;
    }
    case 'parallel':
    case 'map': {
      const spawn = b.spawn;
      const total = spawn.inputs.length;
      const max = b.kind === 'map' ? Math.max(0, b.maxConcurrency) : 0;
      const launch = max === 0 ? total : Math.min(max, total);
      const run = b.kind === 'map' && b.mode === 'DISTRIBUTED' ? mapRunRecord(p, b, total, max) : undefined;
      if (run) add(`mapRun|${run.id}`, { t: 'mapRun', id: run.id, arn: run.record[0] });
      plan.wait = { wk: 'children' };
      plan.join = {
        spawn: JSON.stringify({ ...spawn, inputs: [] }),
        inputs: spawn.inputs.map((i) => toJsonText(i)),
        total,
        max,
        tc: b.kind === 'map' && b.toleratedFailureCount !== undefined ? b.toleratedFailureCount : -1,
        tp: b.kind === 'map' && b.toleratedFailurePercentage !== undefined ? b.toleratedFailurePercentage : -1,
        launch,
        ...(run ? { mapRun: run.record } : {}),
      };
      for (let i = 0; i < launch; i++) {
        const cf = childFrameId(frameId, wid, i);
        add(`adv|${cf}|0`, { t: 'adv', f: cf, v: 0 });
      }
      if (total === 0) plan.sig = JSON.stringify({ kind: 'join' });
      break;
    }
    case 'succeeded':
      plan.end = { kind: 'succeeded', out: toJsonText(b.output) };
      break;
    case 'failed':
      plan.end = { kind: 'failed', ...(b.error !== undefined ? { err: b.error } : {}), ...(b.cause !== undefined ? { cause: b.cause } : {}) };
      break;
    case 'timedOut':
      plan.end = { kind: 'timedOut', err: b.error, cause: b.cause };
      break;
    case 'aborted':
      plan.end = { kind: 'aborted', ...(b.error !== undefined ? { err: b.error } : {}), ...(b.cause !== undefined ? { cause: b.cause } : {}) };
      break;
    default: {
      const never: never = b;
      throw new Error(`unknown blocked kind ${JSON.stringify(never)}`);
    }
  }
  if (plan.end && plan.root === 1 && p.notify) {
    add('notify', { t: 'notify', ...p.notify, arn: p.executionArn });
  }
  return plan;
}

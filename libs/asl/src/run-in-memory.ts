/**
 * runInMemory: runs a definition to its end without Redis, over the same step API the durable
 * engine uses, and returns status, output or error and cause, and the history. A bad definition
 * or input comes back as a FAILED result; nothing throws out of here.
 */
import type { Json, JsonObject } from './json.js';
import { compile, isProgram } from './definition/compile.js';
import { formatInvalidDefinition } from './definition/diagnostics.js';
import type { ExecutionIdentity, Limits } from './context.js';
import { AWS_LIMITS } from './context.js';
import { startExecutionStep } from './step.js';
import { Driver, HistoryLimitExceeded, StepBudgetExceeded } from './in-memory/driver.js';
import { EventBuffer } from './in-memory/event-buffer.js';
import { RealClock, VirtualClock } from './in-memory/clock.js';
import { handlerTable } from './in-memory/handlers.js';
import type { RunOptions, RunResult } from './in-memory/options.js';
import { seededRandom, uuidFrom } from './in-memory/random.js';
import { platformRandom, realNow } from './in-memory/real-clock.js';

/** One-entry memo of the start time's text: runs in a row mostly start in the same millisecond (or at a fixed test start). */
let lastStart = Number.NaN;
let lastStartText = '';
function isoStart(ms: number): string {
  if (ms !== lastStart) {
    lastStartText = new Date(ms).toISOString();
    lastStart = ms;
  }
  return lastStartText;
}

function startMs(start: RunOptions['startTime']): number {
  if (start === undefined) return realNow();
  if (start instanceof Date) return start.getTime();
  return typeof start === 'number' ? start : Date.parse(start);
}

function parseInput(input: unknown): { ok: true; value: Json } | { ok: false; cause: string } {
  if (typeof input === 'string') {
    try {
      return { ok: true, value: JSON.parse(input) as Json };
    } catch (e) {
      return { ok: false, cause: `The execution input is not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  try {
    return { ok: true, value: toJsonValue(input ?? {}) };
  } catch (e) {
    return { ok: false, cause: `The execution input cannot be serialised as JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A JSON copy of a JavaScript value with JSON.stringify's rules (undefined dropped, toJSON used). */
function toJsonValue(v: unknown): Json {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (Array.isArray(v)) return v.map((x) => (x === undefined || typeof x === 'function' ? null : toJsonValue(x)));
  if (typeof v === 'object') {
    const withJson = v as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === 'function') return toJsonValue(withJson.toJSON());
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') out[k] = toJsonValue(x);
    return out;
  }
  throw new Error(`a ${typeof v} is not JSON`);
}

/**
 * Runs a definition (raw JSON, JSON text, or a Program from compile(), which skips validation
 * on every run) with the given input.
 */
export async function runInMemory(definition: unknown, input?: unknown, options: RunOptions = {}): Promise<RunResult> {
  try {
    return await run(definition, input, options);
  } catch (e) {
    const cause = e instanceof StepBudgetExceeded ? e.message : `The interpreter failed unexpectedly: ${e instanceof Error ? e.message : String(e)}`;
    return { status: 'FAILED', error: 'States.Runtime', cause, events: [] };
  }
}

async function run(definition: unknown, rawInput: unknown, options: RunOptions): Promise<RunResult> {
  let parsedDefinition: unknown = definition;
  if (typeof definition === 'string') {
    try {
      parsedDefinition = JSON.parse(definition);
    } catch (e) {
      return { status: 'FAILED', error: 'InvalidDefinition', cause: `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${e instanceof Error ? e.message : String(e)}'`, events: [] };
    }
  }
  const compiled = isProgram(parsedDefinition) ? { ok: true as const, program: parsedDefinition } : compile(parsedDefinition);
  if (!compiled.ok) return { status: 'FAILED', error: 'InvalidDefinition', cause: formatInvalidDefinition(compiled.diagnostics), events: [] };
  const input = parseInput(rawInput);
  if (!input.ok) return { status: 'FAILED', error: 'States.Runtime', cause: input.cause, events: [] };

  const random = options.random ?? (options.seed !== undefined ? seededRandom(options.seed) : platformRandom);
  const uuid = uuidFrom(random);
  const start = startMs(options.startTime);
  const region = options.region ?? options.context?.region ?? 'us-east-1';
  const account = options.accountId ?? '123456789012';
  const machine = options.stateMachineName ?? options.context?.stateMachineName ?? 'StateMachine';
  const name = options.executionName ?? options.context?.name ?? uuid();
  const identity: ExecutionIdentity = {
    id: `arn:aws:states:${region}:${account}:execution:${machine}:${name}`,
    name,
    startTime: isoStart(start),
    roleArn: options.roleArn ?? `arn:aws:iam::${account}:role/StepwiseExecutionRole`,
    stateMachineId: `arn:aws:states:${region}:${account}:stateMachine:${machine}`,
    stateMachineName: machine,
    region,
    redriveCount: 0,
    ...options.context,
    input: input.value,
  };
  const limits: Limits = options.limits === undefined ? AWS_LIMITS : { ...AWS_LIMITS, ...options.limits };
  const program = compiled.program;
  const observer = options.observer;
  const driver = new Driver({
    program,
    options,
    handlers: handlerTable(options.handlers),
    baseContext: {
      random,
      uuid,
      newTaskToken: () => `${uuid()}${uuid()}`.replace(/-/g, ''),
      execution: identity,
      limits,
      ...(options.history === 'values' || observer !== undefined ? { payloads: 'values' as const } : {}),
      // payloads as values are measured by walking them: their bounds are carried from state to state
      ...(options.history === 'values' || observer !== undefined ? { payloadBounds: { value: undefined, bound: 0 } } : {}),
    },
    clock: options.clock === 'real' ? new RealClock(start) : new VirtualClock(start),
    deadlineMs: program.timeoutSeconds !== undefined ? start + program.timeoutSeconds * 1000 : undefined,
    maxSteps: options.maxSteps ?? 1_000_000,
    identity: {
      Execution: { Id: identity.id, Name: identity.name, StartTime: identity.startTime, RoleArn: identity.roleArn },
      StateMachine: { Id: identity.stateMachineId, Name: identity.stateMachineName },
    } as JsonObject,
  });
  const buffer = new EventBuffer(1, observer);
  driver.root = buffer;
  let end;
  try {
    const first = await driver.stepSolo(buffer, (ctx) => startExecutionStep(program, input.value, ctx));
    end = await driver.driveRoot(first, buffer);
  } catch (e) {
    if (!(e instanceof HistoryLimitExceeded)) throw e;
    // AWS ends an execution whose history is full; the driver writes its ExecutionFailed.
    const last = buffer.events.at(-1);
    const cause = e.message;
    buffer.append([
      {
        id: buffer.nextId,
        // ids are contiguous from 1 (an observed history keeps no events to look back at)
        previousEventId: last?.id ?? buffer.nextId - 1,
        timestamp: last?.timestamp ?? identity.startTime,
        type: 'ExecutionFailed',
        executionFailedEventDetails: { error: 'States.Runtime', cause },
      },
    ]);
    return { status: 'FAILED', error: 'States.Runtime', cause, events: buffer.events };
  }
  const events = buffer.events;
  switch (end.kind) {
    case 'succeeded':
      return { status: 'SUCCEEDED', output: end.output, events };
    case 'failed':
      return { status: 'FAILED', ...withError(end.error, end.cause), events };
    case 'timedOut':
      return { status: 'TIMED_OUT', error: end.error, cause: end.cause, events };
    case 'aborted':
      return { status: 'ABORTED', ...withError(end.error, end.cause), events };
  }
}

function withError(error: string | undefined, cause: string | undefined): { error?: string; cause?: string } {
  return { ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) };
}

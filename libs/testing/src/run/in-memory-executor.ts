/**
 * Runs a case with runInMemory (virtual clock: Waits, retry back-offs and timeouts take no real
 * time) and turns the result, its history and the recorded task attempts into a RunObservation.
 */
import { compile, runInMemory, type Json, type Program, type RunOptions, type RunResult } from '@stepwise/asl';
import type { MockTestCase } from '../mocks/mock-config-types.js';
import type { LoadedCase, LoadedSuite } from '../test-file/load-test-file.js';
import type { CaseExecutor } from './executor.js';
import { importHandlers, type LocalHandlers } from './local-handlers.js';
import { mockTaskHandler, type MockTaskHandlerOptions } from './mock-task-handler.js';
import { HistoryReader, observeHistory, type HistoryObservation } from './observe-history.js';
import type { RunObservation, TaskCall } from './observation.js';

export interface InMemoryOptions {
  /** Handlers for every suite (the CLI's `--handlers`); a suite's own `handlers` module wins. */
  readonly handlers?: LocalHandlers;
  readonly clock?: 'virtual' | 'real';
  /** Fixed start time, so `$$.Execution.StartTime` and timestamps repeat from run to run. */
  readonly startTime?: string;
}

export function inMemoryExecutor(options: InMemoryOptions = {}): CaseExecutor {
  const modules = new Map<string, Promise<LocalHandlers>>();
  return {
    name: 'in-memory',
    async run(suite: LoadedSuite, testCase: LoadedCase): Promise<RunObservation> {
      let handlers = options.handlers;
      if (suite.handlersFile !== undefined) {
        const loading = modules.get(suite.handlersFile) ?? importHandlers(suite.handlersFile);
        modules.set(suite.handlersFile, loading);
        handlers = { ...options.handlers, ...(await loading) };
      }
      // The observation alone: a suite's results keep every case's observation, and the run's
      // history (runObserved's `result`) is the bulk of it, read by no expectation or coverage.
      return observe(suite.definition, testCase.input, {
        stateMachineName: suite.stateMachineName,
        ...(testCase.mocks ? { mocks: testCase.mocks } : {}),
        ...(handlers ? { handlers } : {}),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.startTime ? { startTime: options.startTime } : {}),
      });
    },
  };
}

export interface ObservedRunOptions {
  readonly stateMachineName?: string;
  readonly mocks?: MockTestCase;
  readonly handlers?: LocalHandlers;
  readonly clock?: 'virtual' | 'real';
  readonly startTime?: string;
}

/** Definitions are compiled (and validated) once per object, then every case runs the Program. */
const programs = new WeakMap<object, Program>();

function programOf(definition: Json): Program | Json {
  if (typeof definition !== 'object' || definition === null) return definition;
  const known = programs.get(definition);
  if (known) return known;
  const compiled = compile(definition);
  if (!compiled.ok) return definition; // runInMemory reports the diagnostics as InvalidDefinition
  programs.set(definition, compiled.program);
  return compiled.program;
}

/** One in-memory run with mocks, observed; `result` is runInMemory's (with the complete history). */
export async function runObserved(definition: Json, input: Json, options: ObservedRunOptions): Promise<RunObservation & { readonly result: RunResult }> {
  const { observation, result } = await observed(definition, input, options, 'full');
  return Object.defineProperty(observation, 'result', { value: result, enumerable: true }) as RunObservation & { readonly result: RunResult };
}

/**
 * One run observed, its history never built: a HistoryReader observes the run (runInMemory's
 * `observer`), so no event object is made, nothing is serialised and nothing parsed back; what
 * the observation holds is the same as runObserved's, which reads the same way from the history.
 */
async function observe(definition: Json, input: Json, options: ObservedRunOptions): Promise<RunObservation> {
  return (await observed(definition, input, options, 'observed')).observation;
}

/** The fixed start of runs in memory (`$$.Execution.StartTime`, timestamps), parsed once. */
const DEFAULT_START = Date.parse('2024-01-01T00:00:00.000Z');

/** `full`: the run's text history is read (and returned); `observed`: the run is read as it happens, no history built. */
async function observed(definition: Json, input: Json, options: ObservedRunOptions, mode: 'full' | 'observed'): Promise<{ observation: RunObservation; result: RunResult }> {
  const calls: TaskCall[] = [];
  let exhausted: { error: string; cause: string } | undefined;
  const started = performance.now();
  const handlerOptions: { -readonly [K in keyof MockTaskHandlerOptions]: MockTaskHandlerOptions[K] } = {
    record: (c) => calls.push(c),
    onExhausted: (f) => {
      exhausted ??= f;
    },
  };
  if (options.mocks) handlerOptions.mocks = options.mocks;
  if (options.handlers) handlerOptions.handlers = options.handlers;
  const runOptions: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {
    taskHandler: mockTaskHandler(handlerOptions),
    clock: options.clock ?? 'virtual',
    startTime: options.startTime ?? DEFAULT_START,
    seed: 1,
    executionName: 'test',
  };
  const reader = mode === 'observed' ? new HistoryReader({ taskCalls: false, payloads: 'values' }) : undefined;
  if (reader !== undefined) runOptions.observer = reader;
  if (options.stateMachineName !== undefined) runOptions.stateMachineName = options.stateMachineName;
  const result = await runInMemory(programOf(definition), input, runOptions);
  const durationMs = performance.now() - started;
  const seen = reader !== undefined ? reader.finish() : observeHistory(result.events, { taskCalls: false });
  // A state that ran out of mocked attempts fails the execution (AWS's rule), whatever Catch the definition has.
  const end: { status: RunResult['status']; output?: Json; error?: string; cause?: string } = exhausted ? { status: 'FAILED', error: exhausted.error, cause: exhausted.cause } : result;
  const observation = new Observation(end, seen, calls, durationMs);
  return { observation, result };
}

/**
 * A run's observation. `stateInputs` comes from the history's observation on first read, by a
 * getter on the prototype (an object literal with its own getter costs a hidden class per object:
 * see observeHistory).
 */
class Observation implements RunObservation {
  readonly status: RunResult['status'];
  // declared, not defined: absent unless the run has them (as in a plain object)
  declare readonly output?: Json;
  declare readonly error?: string;
  declare readonly cause?: string;
  readonly entered: readonly string[];
  readonly taskCalls: readonly TaskCall[];
  readonly transitions: HistoryObservation['transitions'];
  readonly retries: HistoryObservation['retries'];
  readonly uncaught: HistoryObservation['uncaught'];
  readonly durationMs: number;
  readonly #seen: HistoryObservation;

  constructor(end: { status: RunResult['status']; output?: Json; error?: string; cause?: string }, seen: HistoryObservation, calls: readonly TaskCall[], durationMs: number) {
    this.status = end.status;
    if (end.output !== undefined) this.output = end.output;
    if (end.error !== undefined) this.error = end.error;
    if (end.cause !== undefined) this.cause = end.cause;
    this.entered = seen.entered;
    this.taskCalls = calls;
    this.transitions = seen.transitions;
    this.retries = seen.retries;
    this.uncaught = seen.uncaught;
    this.durationMs = durationMs;
    this.#seen = seen;
  }

  get stateInputs(): ReadonlyMap<string, readonly Json[]> {
    return this.#seen.stateInputs;
  }
}

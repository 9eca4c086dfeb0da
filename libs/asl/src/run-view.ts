/**
 * RunView: what an evaluator sees of the frame runner while one state runs (StateRun). A class
 * with methods on its prototype rather than a bag of closures, because one is made per state on
 * the interpreter's hottest path.
 */
import type { Json, JsonObject } from './json.js';
import type { Program } from './definition/compile.js';
import type { QueryLanguage, State } from './definition/types.js';
import type { StepContext } from './context.js';
import type { FrameState } from './frame.js';
import type { HistoryEventType } from './events/types.js';
import type { Outcome, StateRun } from './states/evaluator.js';
import { contextObject } from './context-object.js';
import { lookupVariable, visibleVariables } from './variables/scope.js';

/** The part of the frame runner a RunView delegates to. */
export interface RunnerPort {
  readonly program: Program;
  readonly frame: FrameState;
  readonly ctx: StepContext;
  readonly env: { now: number; random: () => number; uuid: () => string };
  emit(type: HistoryEventType, details?: JsonObject): number;
  thrown(e: unknown, state: State): Outcome;
  inputBound(): number | undefined;
}

/**
 * What an evaluator sees of the runner for one state (methods on a prototype: this is the hot
 * path). A step runs its states one after the other, each to its outcome, so one view per step
 * serves them all: `moveTo` points it at the next state.
 */
export class RunView implements StateRun {
  readonly program: Program;
  readonly frame: FrameState;
  stateName: string;
  readonly ctx: StepContext;
  readonly env: { now: number; random: () => number; uuid: () => string };
  queryLanguage: QueryLanguage;
  private state: State;
  private retriable: boolean;

  constructor(
    private readonly runner: RunnerPort,
    state: State,
    queryLanguage: QueryLanguage,
  ) {
    this.program = runner.program;
    this.frame = runner.frame;
    this.stateName = runner.frame.state;
    this.ctx = runner.ctx;
    this.env = runner.env;
    this.queryLanguage = queryLanguage;
    this.state = state;
    this.retriable = isRetriable(state);
  }

  /** The view of the frame's current state (the previous state has reached its outcome). */
  moveTo(state: State, queryLanguage: QueryLanguage): this {
    this.stateName = this.frame.state;
    this.queryLanguage = queryLanguage;
    this.state = state;
    this.retriable = isRetriable(state);
    return this;
  }

  emit(type: HistoryEventType, details?: JsonObject): number {
    return this.runner.emit(type, details);
  }

  inputBound(): number | undefined {
    return this.runner.inputBound();
  }

  contextObject(extra?: JsonObject): JsonObject {
    return contextObject(this.ctx, this.frame, this.retriable, extra);
  }

  variable(name: string): Json | undefined {
    return lookupVariable(this.frame.variables, this.frame.inherited, name);
  }

  variables(): JsonObject {
    return visibleVariables(this.frame.variables, this.frame.inherited);
  }

  raise(e: unknown, after?: HistoryEventType): Outcome {
    const failed = this.runner.thrown(e, this.state);
    return after !== undefined && failed.kind === 'fail' ? { ...failed, after } : failed;
  }
}

function isRetriable(state: State): boolean {
  return state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
}

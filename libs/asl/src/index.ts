// The public surface of @stepwise/asl, exported by name: the step API and its data
// (docs/adr/0002-pure-step-api.md), the in-memory driver, validation, and the expression
// evaluators other packages may reuse.
export type { Json, JsonObject } from './json.js';
export { isObject, jsonEquals, toJsonText, byteSize, cloneJson } from './json.js';

// Errors
export { StatesError, isStatesError } from './errors/states-error.js';
export { STATES_ERRORS, errorMatches } from './errors/error-table.js';
export type { StatesErrorName, ErrorSpec } from './errors/error-table.js';
export { decideRetry, retryDelayMs, RETRY_DEFAULTS } from './errors/retry.js';
export type { RetryDecision } from './errors/retry.js';
export { findCatcher, errorOutput } from './errors/catch.js';

// Definition
export type {
  Definition,
  State,
  StateType,
  StateMachineBody,
  QueryLanguage,
  PassState,
  TaskState,
  ChoiceState,
  ChoiceRule,
  WaitState,
  SucceedState,
  FailState,
  ParallelState,
  MapState,
  ItemBatcher,
  Retrier,
  Catcher,
} from './definition/types.js';
export { compile, isProgram, branchScope, processorScope, pointerToken } from './definition/compile.js';
export type { Program, CompiledBody, CompileOptions, CompileResult } from './definition/compile.js';
export { validateDefinition, DEFAULT_MAX_DEFINITION_BYTES } from './definition/validate.js';
export type { ValidateOptions } from './definition/validate.js';
export { formatInvalidDefinition, isValid, DIAGNOSTIC_CODES } from './definition/diagnostics.js';
export type { Diagnostic, DiagnosticCode } from './definition/diagnostics.js';

// The step API
export type { StepContext, ExecutionIdentity, Limits } from './context.js';
export { AWS_LIMITS } from './context.js';
export type { FrameState, FramePhase, Signal, Blocked, ChildSpawn, StepResult, TaskPattern } from './frame.js';
export { startExecution, startChild, resume } from './step.js';
export type { HistoryEvent, HistoryEventType, EventDraft, PayloadDetails } from './events/types.js';
export type { HistoryObserver } from './events/observer.js';
export { detailsField } from './events/emitter.js';
export { parseResource } from './states/resource.js';
export { exceedsTolerance, toleratesFailures, toleratedResult, TOLERANCE_EXCEEDED } from './states/map-tolerance.js';
export type { ResourceInfo } from './states/resource.js';

// The in-memory driver
export { runInMemory } from './run-in-memory.js';
export type { RunOptions, RunResult, ExecutionStatus, TaskHandler, TaskHandlerInfo, TaskRequest, TaskOutcome } from './in-memory/options.js';

// Expression evaluators (owned by the expressions layer)
export type { EvalSources, EvalEnv } from './payload/sources.js';
export { queryPath, isValidJsonPath, isValidReferencePath, isDefinitePath } from './paths/jsonpath.js';
export { parsePath, PathSyntaxError } from './paths/syntax.js';
export type { ParsedPath, PathRoot, Segment } from './paths/syntax.js';
export { applyResultPath } from './paths/result-path.js';
export { evaluatePayloadTemplate, evaluateDynamicValue } from './payload/template.js';
export { parseIntrinsic, isIntrinsicCall, IntrinsicSyntaxError } from './intrinsics/parse.js';
export type { IntrinsicCall, IntrinsicArg } from './intrinsics/parse.js';
export { evaluateIntrinsic, intrinsicText, MAX_INTRINSIC_NESTING } from './intrinsics/evaluate.js';
export { intrinsicRegistry, isIntrinsicName } from './intrinsics/registry.js';
export type { IntrinsicName } from './intrinsics/registry.js';
export { isJsonataTemplate, jsonataBody, checkJsonataSyntax, evaluateJsonata, evaluateJsonataTemplate } from './jsonata/evaluate.js';
export type { JsonataStates } from './jsonata/evaluate.js';
export { AWS_FUNCTION_NAMES } from './jsonata/functions.js';
export { evaluateChoiceRule } from './choice/rule.js';
export { operatorTable, comparisonOperators, booleanOperators } from './choice/operators.js';

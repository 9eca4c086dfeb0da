/**
 * Amazon States Language as TypeScript discriminated unions. The validator checks a raw
 * definition against the spec; once it passes, the interpreter reads it through these types, so
 * every field name here is AWS's own spelling.
 */
import type { Json, JsonObject } from '../json.js';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** A Retry rule (Retrier). */
export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
  readonly Comment?: string;
}

/** A Catch rule (Catcher). */
export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
  readonly Comment?: string;
}

interface StateBase {
  readonly Comment?: string;
  readonly QueryLanguage?: QueryLanguage;
}

/** Fields of states that move on: `Next` or `End`. */
interface Transition {
  readonly Next?: string;
  readonly End?: boolean;
}

/** InputPath/OutputPath (JSONPath) and Output (JSONata). */
interface InputOutput {
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
}

interface WithResult {
  readonly ResultPath?: string | null;
  readonly ResultSelector?: JsonObject;
}

interface WithErrorHandling {
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
}

export interface PassState extends StateBase, Transition, InputOutput {
  readonly Type: 'Pass';
  readonly Parameters?: Json;
  readonly Result?: Json;
  readonly ResultPath?: string | null;
}

export interface TaskState extends StateBase, Transition, InputOutput, WithResult, WithErrorHandling {
  readonly Type: 'Task';
  readonly Resource: string;
  readonly Parameters?: Json;
  readonly Arguments?: Json;
  readonly Credentials?: Json;
  readonly TimeoutSeconds?: number | string;
  readonly TimeoutSecondsPath?: string;
  readonly HeartbeatSeconds?: number | string;
  readonly HeartbeatSecondsPath?: string;
}

/** A Choice rule: a comparison or a boolean combination (JSONPath) or a Condition (JSONata). */
export interface ChoiceRule {
  readonly Next?: string;
  readonly Condition?: Json;
  readonly Assign?: JsonObject;
  readonly Output?: Json;
  readonly Comment?: string;
  readonly And?: readonly ChoiceRule[];
  readonly Or?: readonly ChoiceRule[];
  readonly Not?: ChoiceRule;
  readonly Variable?: string;
  readonly [operator: string]: Json | readonly ChoiceRule[] | ChoiceRule | undefined;
}

export interface ChoiceState extends StateBase {
  readonly Type: 'Choice';
  readonly Choices: readonly ChoiceRule[];
  readonly Default?: string;
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Output?: Json;
  readonly Assign?: JsonObject;
}

export interface WaitState extends StateBase, Transition, InputOutput {
  readonly Type: 'Wait';
  readonly Seconds?: number | string;
  readonly SecondsPath?: string;
  readonly Timestamp?: string;
  readonly TimestampPath?: string;
}

export interface SucceedState extends StateBase {
  readonly Type: 'Succeed';
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Output?: Json;
}

export interface FailState extends StateBase {
  readonly Type: 'Fail';
  readonly Error?: string;
  readonly ErrorPath?: string;
  readonly Cause?: string;
  readonly CausePath?: string;
}

/** A sub-machine: a Parallel branch or a Map ItemProcessor/Iterator. */
export interface StateMachineBody {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, State>>;
  readonly QueryLanguage?: QueryLanguage;
  readonly Comment?: string;
  readonly ProcessorConfig?: { readonly Mode?: 'INLINE' | 'DISTRIBUTED'; readonly ExecutionType?: string };
}

export interface ParallelState extends StateBase, Transition, InputOutput, WithResult, WithErrorHandling {
  readonly Type: 'Parallel';
  readonly Branches: readonly StateMachineBody[];
  readonly Parameters?: Json;
  readonly Arguments?: Json;
}

export interface ItemBatcher {
  readonly MaxItemsPerBatch?: number | string;
  readonly MaxItemsPerBatchPath?: string;
  readonly MaxInputBytesPerBatch?: number | string;
  readonly MaxInputBytesPerBatchPath?: string;
  readonly BatchInput?: Json;
}

export interface MapState extends StateBase, Transition, InputOutput, WithResult, WithErrorHandling {
  readonly Type: 'Map';
  readonly ItemProcessor?: StateMachineBody;
  readonly Iterator?: StateMachineBody;
  readonly ItemsPath?: string;
  readonly Items?: Json;
  readonly ItemSelector?: Json;
  readonly Parameters?: Json;
  readonly ItemBatcher?: ItemBatcher;
  readonly ItemReader?: Json;
  readonly ResultWriter?: Json;
  readonly MaxConcurrency?: number | string;
  readonly MaxConcurrencyPath?: string;
  readonly ToleratedFailureCount?: number | string;
  readonly ToleratedFailureCountPath?: string;
  readonly ToleratedFailurePercentage?: number | string;
  readonly ToleratedFailurePercentagePath?: string;
  readonly Label?: string;
}

export type State = PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;
export type StateType = State['Type'];

/** A whole definition: the top-level machine plus its optional fields. */
export interface Definition extends StateMachineBody {
  readonly Version?: string;
  readonly TimeoutSeconds?: number;
}

/**
 * Which fields each state type takes, and in which query language: one table instead of a
 * check per field, so "is this field allowed here" has one answer. Sources: the States Language
 * spec, the Step Functions developer guide's per-state field lists, and its JSONata page
 * ("JSONata states may not use InputPath, Parameters, ResultSelector, ResultPath, OutputPath,
 * or the *Path fields; JSONPath states may not use Arguments, Output, Condition, Items").
 */
import type { QueryLanguage } from './context.js';
import type { ValidationContext } from './context.js';
import { msg } from './messages.js';
import type { JsonRecord } from './values.js';

/** AWS's order, as in its message "The field 'Type' should have one of these values: [...]". */
export const STATE_TYPES = ['Task', 'Wait', 'Pass', 'Succeed', 'Fail', 'Choice', 'Parallel', 'Map'] as const;
export type StateType = (typeof STATE_TYPES)[number];

/** Which query language a field belongs to: both, or only one. */
export type FieldLanguage = 'both' | QueryLanguage;

export type FieldTable = Readonly<Record<string, FieldLanguage>>;

const COMMON: FieldTable = { Type: 'both', Comment: 'both', QueryLanguage: 'both' };
const IO: FieldTable = { InputPath: 'JSONPath', OutputPath: 'JSONPath', Output: 'JSONata' };
const TRANSITION: FieldTable = { Next: 'both', End: 'both', Assign: 'both' };
const RESULT: FieldTable = { ResultPath: 'JSONPath', ResultSelector: 'JSONPath' };
const ERRORS: FieldTable = { Retry: 'both', Catch: 'both' };

export const STATE_FIELDS: Readonly<Record<StateType, FieldTable>> = {
  Pass: { ...COMMON, ...IO, ...TRANSITION, Parameters: 'JSONPath', Result: 'JSONPath', ResultPath: 'JSONPath' },
  Task: {
    ...COMMON,
    ...IO,
    ...TRANSITION,
    ...RESULT,
    ...ERRORS,
    Resource: 'both',
    Parameters: 'JSONPath',
    Arguments: 'JSONata',
    Credentials: 'both',
    TimeoutSeconds: 'both',
    TimeoutSecondsPath: 'JSONPath',
    HeartbeatSeconds: 'both',
    HeartbeatSecondsPath: 'JSONPath',
  },
  Choice: { ...COMMON, ...IO, Choices: 'both', Default: 'both', Assign: 'both' },
  Wait: {
    ...COMMON,
    ...IO,
    ...TRANSITION,
    Seconds: 'both',
    SecondsPath: 'JSONPath',
    Timestamp: 'both',
    TimestampPath: 'JSONPath',
  },
  Succeed: { ...COMMON, ...IO },
  Fail: { ...COMMON, Error: 'both', ErrorPath: 'JSONPath', Cause: 'both', CausePath: 'JSONPath' },
  Parallel: { ...COMMON, ...IO, ...TRANSITION, ...RESULT, ...ERRORS, Branches: 'both', Parameters: 'JSONPath', Arguments: 'JSONata' },
  Map: {
    ...COMMON,
    ...IO,
    ...TRANSITION,
    ...RESULT,
    ...ERRORS,
    ItemProcessor: 'both',
    Iterator: 'both',
    ItemsPath: 'JSONPath',
    Items: 'JSONata',
    ItemSelector: 'both',
    Parameters: 'JSONPath',
    ItemReader: 'both',
    ItemBatcher: 'both',
    ResultWriter: 'both',
    MaxConcurrency: 'both',
    MaxConcurrencyPath: 'JSONPath',
    ToleratedFailureCount: 'both',
    ToleratedFailureCountPath: 'JSONPath',
    ToleratedFailurePercentage: 'both',
    ToleratedFailurePercentagePath: 'JSONPath',
    Label: 'both',
  },
};


/** Every field some state type takes: a field outside this set is unknown to Step Functions. */
const KNOWN_STATE_FIELDS = new Set(Object.values(STATE_FIELDS).flatMap((t) => Object.keys(t)));

/** "Field 'X' is not supported" for an ASL field in the wrong place, AWS's generic message otherwise. */
function misplaced(field: string): string {
  return KNOWN_STATE_FIELDS.has(field) || KNOWN_OTHER_FIELDS.has(field) ? msg.fieldNotSupported(field) : msg.unknownField(field);
}

export function isStateType(v: unknown): v is StateType {
  return typeof v === 'string' && (STATE_TYPES as readonly string[]).includes(v);
}

/**
 * Reports every field of `state` its type does not take, and every field of the other query
 * language (unless `skipLanguage`: a state that was refused its QueryLanguage downgrade).
 */
export function checkStateFields(
  ctx: ValidationContext,
  state: JsonRecord,
  type: StateType,
  language: QueryLanguage,
  loc: string,
  skipLanguage: boolean,
): void {
  const table = STATE_FIELDS[type];
  for (const field of Object.keys(state)) {
    const lang = table[field];
    if (lang === undefined) {
      ctx.schema(misplaced(field), loc);
    } else if (lang !== 'both' && lang !== language && !skipLanguage) {
      ctx.schema(msg.otherLanguageField(language, field, lang), loc);
    }
  }
}

/**
 * Reports fields of a nested object (Retrier, Catcher, ItemReader, ...) outside `table`, or of
 * the other query language.
 */
export function checkObjectFields(
  ctx: ValidationContext,
  o: JsonRecord,
  table: FieldTable,
  language: QueryLanguage,
  loc: string,
): void {
  for (const field of Object.keys(o)) {
    const lang = table[field];
    if (lang === undefined) ctx.schema(misplaced(field), loc);
    else if (lang !== 'both' && lang !== language) ctx.schema(msg.otherLanguageField(language, field, lang), loc);
  }
}

export const RETRIER_FIELDS: FieldTable = {
  ErrorEquals: 'both',
  IntervalSeconds: 'both',
  MaxAttempts: 'both',
  BackoffRate: 'both',
  MaxDelaySeconds: 'both',
  JitterStrategy: 'both',
  Comment: 'both',
};

export const CATCHER_FIELDS: FieldTable = {
  ErrorEquals: 'both',
  Next: 'both',
  ResultPath: 'JSONPath',
  Output: 'JSONata',
  Assign: 'both',
  Comment: 'both',
};

/** Fields of the whole definition. */
export const MACHINE_FIELDS: FieldTable = {
  StartAt: 'both',
  States: 'both',
  Comment: 'both',
  Version: 'both',
  TimeoutSeconds: 'both',
  QueryLanguage: 'both',
};

/** Fields of a Parallel branch. */
export const BRANCH_FIELDS: FieldTable = { StartAt: 'both', States: 'both', Comment: 'both' };

/** Fields of a Map's ItemProcessor (or its older name, Iterator). */
export const PROCESSOR_FIELDS: FieldTable = { ...BRANCH_FIELDS, ProcessorConfig: 'both' };

/** Fields of the non-state objects (machine bodies, Retriers, Catchers). */
const KNOWN_OTHER_FIELDS = new Set(
  [MACHINE_FIELDS, PROCESSOR_FIELDS, RETRIER_FIELDS, CATCHER_FIELDS].flatMap((t) => Object.keys(t)),
);

/**
 * Definition validation: every problem AWS's ValidateStateMachineDefinition and
 * CreateStateMachine report, as diagnostics with AWS's codes and JSON pointers, without
 * throwing. compile() calls it before building a Program; the API layer renders its ERRORs with
 * formatInvalidDefinition(). Resources are deliberately not checked against AWS: any Resource
 * string is accepted so definitions written for AWS run unchanged.
 *
 * The checks live in ./validate/ by concept: machine bodies and the transition graph
 * (machine.ts), one state (state.ts), per type (task, choice, map, simple-states), Retry/Catch,
 * Assign, payload templates, the field table (fields.ts) and the messages (messages.ts).
 */
import { byteSize } from '../json.js';
import type { Diagnostic } from './diagnostics.js';
import { errorDiagnostic, pointer } from './diagnostics.js';
import type { QueryLanguage } from './validate/context.js';
import { ValidationContext } from './validate/context.js';
import { checkDuplicateStates } from './validate/duplicate-states.js';
import { checkMachine } from './validate/machine.js';
import { msg } from './validate/messages.js';
import { expectEnum, expectInteger, expectString, has, isRecord, MAX_SECONDS } from './validate/values.js';
import type { JsonRecord } from './validate/values.js';

export interface ValidateOptions {
  /** Largest number of states, nested ones included (no limit when absent). */
  readonly maxStates?: number;
  /** Largest definition, in UTF-8 bytes of its JSON text (AWS: 1,048,576). */
  readonly maxDefinitionBytes?: number;
  /** STANDARD (default) or EXPRESS: EXPRESS refuses `.sync`, `.waitForTaskToken`, activities and distributed Maps. */
  readonly type?: 'STANDARD' | 'EXPRESS';
}

/** AWS: the maximum size of a state machine definition is 1 MB (a hard quota). */
export const DEFAULT_MAX_DEFINITION_BYTES = 1_048_576;

/** Every problem of a definition (parsed JSON or JSON text), never throws. An empty array means valid. */
export function validateDefinition(definition: unknown, options: ValidateOptions = {}): Diagnostic[] {
  try {
    return validate(definition, options);
  } catch (e) {
    // A bug in a check must not turn into an exception for the caller: report it as data.
    const detail = e instanceof Error ? e.message : String(e);
    return [errorDiagnostic('SCHEMA_VALIDATION_FAILED', `The definition could not be validated: ${detail}`, '/')];
  }
}

function validate(definition: unknown, options: ValidateOptions): Diagnostic[] {
  const maxBytes = options.maxDefinitionBytes ?? DEFAULT_MAX_DEFINITION_BYTES;
  const parsed = parseDefinition(definition, maxBytes);
  if ('diagnostics' in parsed) return parsed.diagnostics;
  const def = parsed.value;
  const language = machineLanguage(def);
  const ctx = new ValidationContext(language, options.type ?? 'STANDARD');
  if (has(def, 'QueryLanguage')) expectEnum(ctx, def['QueryLanguage'], '/QueryLanguage', ['JSONPath', 'JSONata']);
  if (has(def, 'Version')) expectString(ctx, def['Version'], '/Version');
  if (has(def, 'TimeoutSeconds')) {
    expectInteger(ctx, def['TimeoutSeconds'], '/TimeoutSeconds', 'TimeoutSeconds', { min: 1, max: MAX_SECONDS });
  }
  if (parsed.text !== undefined) checkDuplicateStates(ctx, parsed.text);
  checkMachine(ctx, def, '/', 'root', 0);
  if (options.maxStates !== undefined && ctx.stateCount > options.maxStates) {
    ctx.schema(msg.tooManyStates(ctx.stateCount, options.maxStates), pointer('/', 'States'));
  }
  return ctx.diagnostics;
}

type Parsed = { readonly value: JsonRecord; readonly text?: string } | { readonly diagnostics: Diagnostic[] };

/** JSON text or an already parsed value → the definition object, or the diagnostics of why not. */
function parseDefinition(definition: unknown, maxBytes: number): Parsed {
  if (definition === undefined || definition === null) {
    return { diagnostics: [errorDiagnostic('MISSING_DESCRIPTION', msg.missingDescription(), '')] };
  }
  let value: unknown = definition;
  let size: number;
  if (typeof definition === 'string') {
    if (definition.trim() === '') return { diagnostics: [errorDiagnostic('SCHEMA_VALIDATION_FAILED', msg.notAnObject(), '')] };
    size = byteSize(definition);
    if (size > maxBytes) return { diagnostics: [errorDiagnostic('SCHEMA_VALIDATION_FAILED', msg.tooLarge(maxBytes), '/')] };
    try {
      value = JSON.parse(definition);
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return { diagnostics: [errorDiagnostic('INVALID_JSON_DESCRIPTION', detail, '/')] };
    }
  } else {
    size = jsonSize(definition, maxBytes);
    if (size > maxBytes) return { diagnostics: [errorDiagnostic('SCHEMA_VALIDATION_FAILED', msg.tooLarge(maxBytes), '/')] };
  }
  if (!isRecord(value)) return { diagnostics: [errorDiagnostic('SCHEMA_VALIDATION_FAILED', msg.notAnObject(), '')] };
  return typeof definition === 'string' ? { value, text: definition } : { value };
}

/** UTF-8 size of the JSON text; the exact count is only needed near the limit (≤ 3 bytes per UTF-16 unit). */
function jsonSize(v: unknown, maxBytes: number): number {
  const text = JSON.stringify(v) as string | undefined;
  if (text === undefined) return 0;
  return text.length * 3 <= maxBytes ? text.length : byteSize(text);
}

/**
 * The top-level QueryLanguage. AWS reads JSONPath only from the exact string "JSONPath" (or
 * when absent); any other value counts as JSONata, and is also reported against the enum.
 */
function machineLanguage(def: JsonRecord): QueryLanguage {
  return !has(def, 'QueryLanguage') || def['QueryLanguage'] === 'JSONPath' ? 'JSONPath' : 'JSONata';
}

/**
 * One state: its Type, its effective query language (its own QueryLanguage, else the
 * machine's; a JSONPath state inside a JSONata machine is refused), the fields its type and
 * language allow, the Next/End rule (Choice has neither, Succeed and Fail are terminal, every
 * other state has exactly one), the fields every state shares (InputPath/OutputPath, Output,
 * Assign, ResultPath/ResultSelector, Parameters/Arguments, Retry/Catch), then the checks of its
 * type. Parallel branches and Map processors are handed back to the machine walk.
 */
import { pointer } from '../diagnostics.js';
import type { QueryLanguage } from './context.js';
import type { StateType } from './fields.js';
import { checkAssign } from './assign.js';
import { checkChoice } from './choice.js';
import type { StateScope, ValidationContext } from './context.js';
import { checkStateFields, isStateType, STATE_FIELDS, STATE_TYPES } from './fields.js';
import type { SubMachineCheck } from './map.js';
import { checkMap } from './map.js';
import { msg } from './messages.js';
import { checkJsonataValue, checkPayload } from './payload.js';
import { checkCatch, checkRetry } from './retry-catch.js';
import { checkFail, checkPass, checkWait } from './simple-states.js';
import { checkTask } from './task.js';
import type { JsonRecord } from './values.js';
import { checkJsonataString, checkPathField, expectArray, expectEnum, expectObject, expectString, has } from './values.js';

const NO_TRANSITION: ReadonlySet<StateType> = new Set(['Choice', 'Succeed', 'Fail']);

export function checkState(ctx: ValidationContext, raw: unknown, location: string, subMachine: SubMachineCheck): void {
  if (!expectObject(ctx, raw, location)) return;
  if (!has(raw, 'Type')) {
    ctx.schema(msg.required(['Type']), location);
    return;
  }
  const type = raw['Type'];
  if (!isStateType(type)) {
    ctx.schema(msg.stateTypeOneOf(STATE_TYPES), pointer(location, 'Type'));
    return;
  }
  const { language, downgraded } = stateLanguage(ctx, raw, location);
  const scope: StateScope = { ctx, language, location };
  checkStateFields(ctx, raw, type, language, location, downgraded);
  if (has(raw, 'Comment')) expectString(ctx, raw['Comment'], pointer(location, 'Comment'));
  if (!NO_TRANSITION.has(type)) checkTransition(ctx, raw, location);
  checkShared(scope, raw, type);
  switch (type) {
    case 'Pass':
      checkPass(scope, raw);
      return;
    case 'Task':
      checkTask(scope, raw);
      return;
    case 'Choice':
      checkChoice(scope, raw);
      return;
    case 'Wait':
      checkWait(scope, raw);
      return;
    case 'Succeed':
      return;
    case 'Fail':
      checkFail(scope, raw);
      return;
    case 'Parallel':
      checkBranches(scope, raw, subMachine);
      return;
    case 'Map':
      checkMap(scope, raw, subMachine);
      return;
  }
}

/** AWS: a state may upgrade to JSONata in a JSONPath machine, never downgrade in a JSONata one. */
function stateLanguage(ctx: ValidationContext, raw: JsonRecord, location: string): { language: QueryLanguage; downgraded: boolean } {
  if (!has(raw, 'QueryLanguage')) return { language: ctx.machineLanguage, downgraded: false };
  const v = raw['QueryLanguage'];
  // AWS: only the exact string "JSONPath" means JSONPath; any other value counts as JSONata.
  expectEnum(ctx, v, pointer(location, 'QueryLanguage'), ['JSONPath', 'JSONata']);
  const language: QueryLanguage = v === 'JSONPath' ? 'JSONPath' : 'JSONata';
  if (ctx.machineLanguage === 'JSONata' && language === 'JSONPath') {
    ctx.schema(msg.queryLanguageDowngrade(), location);
    return { language, downgraded: true };
  }
  return { language, downgraded: false };
}

/** Exactly one of Next (a string) and End (true). */
function checkTransition(ctx: ValidationContext, raw: JsonRecord, location: string): void {
  const hasNext = has(raw, 'Next');
  if (hasNext) expectString(ctx, raw['Next'], pointer(location, 'Next'));
  let end = false;
  if (has(raw, 'End') && expectBooleanEnd(ctx, raw['End'], pointer(location, 'End'))) end = raw['End'] === true;
  if (hasNext === end) ctx.schema(msg.exactlyOne(['Next', 'End']), location);
}

function expectBooleanEnd(ctx: ValidationContext, v: unknown, at: string): boolean {
  if (typeof v === 'boolean') return true;
  ctx.schema(msg.expectedType('BOOLEAN'), at);
  return false;
}

/** Fields several types share; a field the type does not take was already reported and is skipped. */
function checkShared(scope: StateScope, raw: JsonRecord, type: StateType): void {
  const { ctx, language, location } = scope;
  const table = STATE_FIELDS[type];
  const allowed = (field: string): boolean => has(raw, field) && table[field] !== undefined;
  if (language === 'JSONPath') {
    if (allowed('InputPath')) checkPathField(ctx, raw, 'InputPath', location, 'json', true);
    if (allowed('OutputPath')) checkPathField(ctx, raw, 'OutputPath', location, 'json', true);
    if (allowed('ResultPath') && type !== 'Pass') checkPathField(ctx, raw, 'ResultPath', location, 'result', true);
    if (allowed('ResultSelector')) {
      const at = pointer(location, 'ResultSelector');
      if (expectObject(ctx, raw['ResultSelector'], at)) checkPayload(ctx, 'JSONPath', raw['ResultSelector'], at);
    }
    if (allowed('Parameters') && type !== 'Pass' && type !== 'Map') {
      checkPayload(ctx, 'JSONPath', raw['Parameters'], pointer(location, 'Parameters'));
    }
  } else {
    if (allowed('Output')) checkJsonataValue(ctx, raw['Output'], pointer(location, 'Output'));
    if (allowed('Arguments')) checkArguments(ctx, raw['Arguments'], pointer(location, 'Arguments'));
  }
  if (allowed('Assign')) checkAssign(ctx, language, raw['Assign'], pointer(location, 'Assign'));
  if (allowed('Retry')) checkRetry(scope, raw);
  if (allowed('Catch')) checkCatch(scope, raw);
}

function checkBranches(scope: StateScope, raw: JsonRecord, subMachine: SubMachineCheck): void {
  const { ctx, location } = scope;
  if (!has(raw, 'Branches')) {
    ctx.schema(msg.required(['Branches']), location);
    return;
  }
  const at = pointer(location, 'Branches');
  const branches = raw['Branches'];
  if (!expectArray(ctx, branches, at)) return;
  if (branches.length === 0) ctx.schema(msg.notEmpty('Branches'), at);
  branches.forEach((b, i) => subMachine(b, pointer(at, i), 'branch'));
}

/** JSONata Arguments: an object (its `{% %}` strings are expressions) or one `{% %}` expression. */
function checkArguments(ctx: ValidationContext, v: unknown, at: string): void {
  if (typeof v === 'string') {
    if (!checkJsonataString(ctx, v, at)) ctx.schema(msg.jsonataOrType('Arguments', 'an object'), at);
    return;
  }
  if (expectObject(ctx, v, at)) checkJsonataValue(ctx, v, at);
}

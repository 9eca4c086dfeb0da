/**
 * A state machine body — the whole definition, a Parallel branch or a Map processor — and the
 * graph checks that need all its states at once: StartAt and every Next/Default/Catch Next name
 * a state of the same body (MISSING_TRANSITION_TARGET), every state is reachable from StartAt,
 * the top level has a terminal state (MISSING_END_STATE), state names are at most 80
 * characters and unique across the whole definition. Nested bodies are walked recursively with
 * locations such as `/States/P/Branches/0/States/X/Next`.
 */
import { pointer } from '../diagnostics.js';
import type { ValidationContext } from './context.js';
import { MAX_NESTING_DEPTH } from './context.js';
import type { FieldTable } from './fields.js';
import { BRANCH_FIELDS, checkObjectFields, MACHINE_FIELDS, PROCESSOR_FIELDS } from './fields.js';
import { msg } from './messages.js';
import { checkState } from './state.js';
import type { JsonRecord } from './values.js';
import { expectObject, expectString, has, isRecord } from './values.js';

export type MachineKind = 'root' | 'branch' | 'processor';

const FIELDS: Readonly<Record<MachineKind, FieldTable>> = {
  root: MACHINE_FIELDS,
  branch: BRANCH_FIELDS,
  processor: PROCESSOR_FIELDS,
};

const MAX_STATE_NAME_LENGTH = 80;

/** Validates one body; top-level fields other than StartAt/States/Comment are the caller's. */
export function checkMachine(ctx: ValidationContext, body: unknown, loc: string, kind: MachineKind, depth: number): void {
  if (depth > MAX_NESTING_DEPTH) {
    ctx.error('TOO_DEEPLY_NESTED', msg.tooDeep(MAX_NESTING_DEPTH), loc);
    return;
  }
  if (!expectObject(ctx, body, loc)) return;
  checkObjectFields(ctx, body, FIELDS[kind], ctx.machineLanguage, loc);
  const missing = ['StartAt', 'States'].filter((f) => !has(body, f));
  if (missing.length > 0) ctx.schema(msg.required(missing), loc);
  if (has(body, 'Comment')) expectString(ctx, body['Comment'], pointer(loc, 'Comment'));
  const startAt = has(body, 'StartAt') && expectString(ctx, body['StartAt'], pointer(loc, 'StartAt')) ? (body['StartAt'] as string) : undefined;
  if (!has(body, 'States')) return;
  const statesLoc = pointer(loc, 'States');
  const states = body['States'];
  if (!expectObject(ctx, states, statesLoc)) return;
  const names = Object.keys(states);
  if (names.length === 0) {
    ctx.schema(msg.notEmpty('States'), statesLoc);
    return;
  }
  const subMachine = (sub: unknown, subLoc: string, subKind: 'branch' | 'processor'): void =>
    checkMachine(ctx, sub, subLoc, subKind, depth + 1);
  for (const name of names) {
    const at = pointer(statesLoc, name);
    checkStateName(ctx, name, at);
    ctx.stateCount++;
    checkState(ctx, states[name], at, subMachine);
  }
  const startValid = startAt !== undefined && has(states, startAt);
  if (startAt !== undefined && !startValid) ctx.error('MISSING_TRANSITION_TARGET', msg.missingTarget(startAt), pointer(loc, 'StartAt'));
  for (const name of names) {
    for (const t of transitions(states[name], pointer(statesLoc, name))) {
      if (!has(states, t.target)) ctx.error('MISSING_TRANSITION_TARGET', msg.missingTarget(t.target), t.location);
    }
  }
  if (kind === 'root' && !names.some((n) => isTerminal(states[n]))) {
    // AWS: no location, and no unreachable-state diagnostics on top of it.
    ctx.error('MISSING_END_STATE', msg.noTerminalState(), '');
    return;
  }
  if (startValid) checkReachable(ctx, states, startAt, statesLoc);
}

function checkStateName(ctx: ValidationContext, name: string, at: string): void {
  if (name === '') ctx.error('INVALID_STATE_NAME', msg.stateNameEmpty(), at);
  else if ([...name].length > MAX_STATE_NAME_LENGTH) ctx.error('INVALID_STATE_NAME', msg.stateNameTooLong(name), at);
  if (ctx.stateNames.has(name)) ctx.error('DUPLICATE_STATE_NAME', msg.duplicateState(name), at);
  else ctx.stateNames.set(name, at);
}

interface Transition {
  readonly target: string;
  readonly location: string;
}

/** The names a state may move to: Next, Default, Choices[i].Next, Catch[i].Next (strings only). */
function transitions(state: unknown, loc: string): Transition[] {
  const out: Transition[] = [];
  if (!isRecord(state)) return out;
  const add = (o: JsonRecord, field: string, at: string): void => {
    const v = o[field];
    if (typeof v === 'string') out.push({ target: v, location: pointer(at, field) });
  };
  add(state, 'Next', loc);
  if (state['Type'] === 'Choice') add(state, 'Default', loc);
  for (const list of ['Choices', 'Catch']) {
    const rules = state[list];
    if (!Array.isArray(rules)) continue;
    rules.forEach((r: unknown, i) => {
      if (isRecord(r)) add(r, 'Next', pointer(loc, list, i));
    });
  }
  return out;
}

function isTerminal(state: unknown): boolean {
  if (!isRecord(state)) return false;
  return state['Type'] === 'Succeed' || state['Type'] === 'Fail' || state['End'] === true;
}

/** AWS reports each state no transition reaches: `State "X" is not reachable.` (MISSING_TRANSITION_TARGET). */
function checkReachable(ctx: ValidationContext, states: JsonRecord, startAt: string, statesLoc: string): void {
  const reached = new Set<string>([startAt]);
  const queue = [startAt];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    for (const t of transitions(states[name], '')) {
      if (has(states, t.target) && !reached.has(t.target)) {
        reached.add(t.target);
        queue.push(t.target);
      }
    }
  }
  for (const name of Object.keys(states)) {
    if (!reached.has(name)) ctx.error('MISSING_TRANSITION_TARGET', msg.unreachable(name), pointer(statesLoc, name));
  }
}

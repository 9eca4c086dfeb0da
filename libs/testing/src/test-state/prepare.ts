/**
 * Turns a TestState request into something the step API can run: the state under test (found in
 * a whole machine by `stateName`, nested bodies included), wrapped as a one-state machine whose
 * transition targets are placeholder Succeed states, and the parsed input, variables, context and
 * mock. Requests AWS refuses are refused here with AWS's error names.
 */
import type { Json, JsonObject } from '@stepwise/asl';
import { isJsonObject } from '../json-values.js';
import { TestStateError } from './test-state-error.js';
import type { InspectionLevel, TestStateRequest } from './types.js';

export type PreparedMock =
  | { readonly kind: 'result'; readonly value: Json }
  | { readonly kind: 'error'; readonly error: string; readonly cause: string };

export interface PreparedTest {
  readonly stateName: string;
  readonly state: JsonObject;
  readonly queryLanguage: 'JSONPath' | 'JSONata';
  /** The machine the step API runs: the state, plus a Succeed state per transition target. */
  readonly machine: JsonObject;
  readonly input: Json;
  readonly variables: JsonObject;
  readonly context?: JsonObject;
  readonly mock?: PreparedMock;
  readonly inspectionLevel: InspectionLevel;
  readonly retrierRetryCount: number;
  readonly mapIterationFailureCount?: number;
  readonly errorCausedByState?: string;
}

/** The name a lone state runs under (AWS names it in causes the same way: the state has no name of its own). */
export const DEFAULT_STATE_NAME = 'TestState';

export function prepareTestState(request: TestStateRequest): PreparedTest {
  if (request.definition === undefined || request.definition === '') throw new TestStateError('ValidationException', "1 validation error detected: Value null at 'definition' failed to satisfy constraint: Member must not be null");
  const definition = parseJson(request.definition, 'InvalidDefinition', 'Invalid State Machine Definition: the definition is not valid JSON');
  if (!isJsonObject(definition)) throw new TestStateError('InvalidDefinition', 'Invalid State Machine Definition: the definition must be a JSON object');

  let state: JsonObject;
  let stateName: string;
  let topLanguage: Json | undefined;
  if (request.stateName !== undefined) {
    if (!isJsonObject(definition['States'] ?? null)) {
      throw new TestStateError('InvalidDefinition', 'Invalid State Machine Definition: a stateName needs a whole state machine definition (with StartAt and States)');
    }
    const found = findState(definition, request.stateName);
    if (!found) throw new TestStateError('ValidationException', `State '${request.stateName}' is not present in the state machine definition.`);
    state = found;
    stateName = request.stateName;
    topLanguage = definition['QueryLanguage'];
  } else {
    if (typeof definition['Type'] !== 'string') {
      throw new TestStateError('InvalidDefinition', "Invalid State Machine Definition: the definition is a state (with a 'Type'), or a whole state machine with a stateName");
    }
    state = definition;
    stateName = DEFAULT_STATE_NAME;
  }
  const queryLanguage = (state['QueryLanguage'] ?? topLanguage ?? 'JSONPath') === 'JSONata' ? 'JSONata' : 'JSONPath';

  const type = String(state['Type']);
  const mock = prepareMock(request, type);
  if (request.context !== undefined && !mock) throw new TestStateError('ValidationException', 'A context can only be specified together with a mock.');
  const needsMock = type === 'Map' || type === 'Parallel' || (type === 'Task' && needsMockTask(String(state['Resource'] ?? '')));
  if (needsMock && !mock) {
    throw new TestStateError('ValidationException', `A mock is required to test ${type === 'Task' ? 'an activity, .sync or .waitForTaskToken Task' : `a ${type}`} state.`);
  }
  const input = request.input === undefined ? {} : parseJson(request.input, 'InvalidExecutionInput', 'Invalid input: the input is not valid JSON');
  const variables = request.variables === undefined ? {} : parseJson(request.variables, 'ValidationException', 'The variables are not valid JSON');
  if (!isJsonObject(variables)) throw new TestStateError('ValidationException', 'The variables must be a JSON object literal (variable name → value).');
  let context: JsonObject | undefined;
  if (request.context !== undefined) {
    const parsed = parseJson(request.context, 'ValidationException', 'The context is not valid JSON');
    if (!isJsonObject(parsed)) throw new TestStateError('ValidationException', 'The context must be a JSON object (a Context object).');
    context = parsed;
  }
  const level = request.inspectionLevel ?? 'INFO';
  if (level !== 'INFO' && level !== 'DEBUG' && level !== 'TRACE') throw new TestStateError('ValidationException', `Invalid inspectionLevel '${level}': INFO, DEBUG or TRACE`);
  const cfg = request.stateConfiguration;
  if (cfg?.mapItemReaderData !== undefined) {
    throw new TestStateError('ValidationException', 'stateConfiguration.mapItemReaderData is not supported by Stepwise: its interpreter has no ItemReader (give the items in the input with ItemsPath or Items).');
  }

  const machine: JsonObject = { StartAt: stateName, States: { [stateName]: state, ...placeholders(state, stateName) } };
  if (topLanguage !== undefined) machine['QueryLanguage'] = topLanguage;
  return {
    stateName,
    state,
    queryLanguage,
    machine,
    input,
    variables,
    ...(context ? { context } : {}),
    ...(mock ? { mock } : {}),
    inspectionLevel: level,
    retrierRetryCount: cfg?.retrierRetryCount ?? 0,
    ...(cfg?.mapIterationFailureCount !== undefined ? { mapIterationFailureCount: cfg.mapIterationFailureCount } : {}),
    ...(cfg?.errorCausedByState !== undefined ? { errorCausedByState: cfg.errorCausedByState } : {}),
  };
}

function prepareMock(request: TestStateRequest, type: string): PreparedMock | undefined {
  const mock = request.mock;
  if (mock === undefined) return undefined;
  if (type !== 'Task' && type !== 'Map' && type !== 'Parallel') {
    throw new TestStateError('ValidationException', `A mock can only be specified for Task, Map, or Parallel states, not for a ${type} state.`);
  }
  const hasResult = mock.result !== undefined;
  const hasError = mock.errorOutput !== undefined;
  if (hasResult === hasError) throw new TestStateError('ValidationException', 'A mock has exactly one of result or errorOutput.');
  if (mock.fieldValidationMode !== undefined && !['STRICT', 'PRESENT', 'NONE'].includes(mock.fieldValidationMode)) {
    throw new TestStateError('ValidationException', `Invalid fieldValidationMode '${mock.fieldValidationMode}': STRICT, PRESENT or NONE`);
  }
  if (hasResult) {
    const value = parseJson(mock.result as string, 'ValidationException', 'The mocked result is not valid JSON');
    if ((type === 'Map' || type === 'Parallel') && !Array.isArray(value)) {
      throw new TestStateError('ValidationException', `The mocked result of a ${type} state must be a JSON array (one result per ${type === 'Map' ? 'iteration' : 'branch'}).`);
    }
    return { kind: 'result', value };
  }
  return { kind: 'error', error: mock.errorOutput?.error ?? '', cause: mock.errorOutput?.cause ?? '' };
}

function needsMockTask(resource: string): boolean {
  return /:activity:/.test(resource) || /\.(sync(:2)?|waitForTaskToken)$/.test(resource);
}

/** Finds a state by name in the top level or any nested body (Parallel branches, Map processors). */
function findState(machine: JsonObject, name: string): JsonObject | undefined {
  const states = machine['States'];
  if (!isJsonObject(states)) return undefined;
  const here = states[name];
  if (isJsonObject(here)) return here;
  for (const s of Object.values(states)) {
    if (!isJsonObject(s)) continue;
    const bodies: Json[] = [...(Array.isArray(s['Branches']) ? s['Branches'] : []), s['ItemProcessor'] ?? null, s['Iterator'] ?? null];
    for (const b of bodies) {
      if (!isJsonObject(b)) continue;
      const found = findState(b, name);
      if (found) return found;
    }
  }
  return undefined;
}

/** A Succeed state for every transition target of the state, so the one-state machine is valid. */
function placeholders(state: JsonObject, self: string): JsonObject {
  const targets = new Set<string>();
  const add = (v: Json | undefined) => {
    if (typeof v === 'string' && v !== self) targets.add(v);
  };
  add(state['Next']);
  add(state['Default']);
  for (const list of [state['Choices'], state['Catch']]) if (Array.isArray(list)) for (const r of list) if (isJsonObject(r)) add(r['Next']);
  const out: JsonObject = {};
  for (const t of targets) out[t] = { Type: 'Succeed' };
  return out;
}

function parseJson(text: string, type: 'InvalidDefinition' | 'InvalidExecutionInput' | 'ValidationException', message: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new TestStateError(type, `${message}: ${(e as Error).message}`);
  }
}

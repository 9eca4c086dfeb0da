/**
 * Structural checks of a parsed test file, each problem with its JSON pointer. The JSON Schema
 * says the same for editors; this is what the runner enforces, so a typo in an expectation
 * ("ouput") is an error instead of a check that silently never runs.
 */
import type { Json } from '@stepwise/asl';
import { isJsonObject as isObject } from '../json-values.js';
import { pointerAppend } from '../json-pointer.js';
import type { ExpectedStatus, TestFileSpec } from './types.js';

export const FILE_KEYS = new Set(['$schema', 'stateMachine', 'mocks', 'handlers', 'cases']);
export const CASE_KEYS = new Set(['name', 'input', 'testCase', 'mocks', 'expect', 'skip', 'only', 'memoryOnly']);
const STATUSES: readonly ExpectedStatus[] = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
type Check = 'any' | 'string' | 'stringList' | 'recordAny' | 'recordCount' | 'status';
export const EXPECT_KEYS: Record<string, Check> = {
  status: 'status',
  output: 'any',
  outputIncludes: 'any',
  error: 'string',
  cause: 'string',
  causeIncludes: 'string',
  visited: 'stringList',
  path: 'stringList',
  notVisited: 'stringList',
  stateInput: 'recordAny',
  taskInput: 'recordAny',
  attempts: 'recordCount',
};

export interface Issue {
  readonly pointer: string;
  readonly message: string;
}

export function validateTestFile(value: unknown): { ok: true; spec: TestFileSpec } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const fail = (pointer: string, message: string): void => void issues.push({ pointer, message });
  if (!isObject(value as Json)) return { ok: false, issues: [{ pointer: '', message: 'a test file is an object with stateMachine and cases' }] };
  const root = value as Record<string, unknown>;
  for (const k of Object.keys(root)) if (!FILE_KEYS.has(k)) fail(pointerAppend('', k), `unknown field '${k}' (expected one of: stateMachine, mocks, handlers, cases)`);

  const sm = root['stateMachine'];
  if (sm === undefined) fail('', "the field 'stateMachine' is required: a path to the definition, or { name, definition }");
  else if (typeof sm !== 'string') {
    if (!isObject(sm as Json)) fail('/stateMachine', 'stateMachine is a path or an object { name, definition }');
    else {
      const o = sm as Record<string, unknown>;
      for (const k of Object.keys(o)) if (k !== 'name' && k !== 'definition') fail(pointerAppend('/stateMachine', k), `unknown field '${k}' (expected name, definition)`);
      if (o['name'] !== undefined && typeof o['name'] !== 'string') fail('/stateMachine/name', 'name must be a string');
      if (o['definition'] === undefined) fail('/stateMachine', 'stateMachine needs a definition (a path or the definition inline)');
      else if (typeof o['definition'] !== 'string' && !isObject(o['definition'] as Json)) fail('/stateMachine/definition', 'definition is a path or an object');
    }
  }
  const mocks = root['mocks'];
  if (mocks !== undefined && typeof mocks !== 'string' && !isObject(mocks as Json)) fail('/mocks', 'mocks is a path to a MockConfigFile or one inline');

  if (root['handlers'] !== undefined && typeof root['handlers'] !== 'string') fail('/handlers', 'handlers is the path of a module of local task handlers');
  const cases = root['cases'];
  if (!Array.isArray(cases)) fail(cases === undefined ? '' : '/cases', "the field 'cases' is required: a list of test cases");
  else {
    const names = new Set<string>();
    cases.forEach((c: unknown, i) => {
      const p = pointerAppend('/cases', i);
      if (!isObject(c as Json)) return fail(p, 'a case is an object with name and expect');
      const o = c as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!CASE_KEYS.has(k)) fail(pointerAppend(p, k), `unknown field '${k}' (expected one of: ${[...CASE_KEYS].join(', ')})`);
      if (typeof o['name'] !== 'string' || o['name'] === '') fail(o['name'] === undefined ? p : pointerAppend(p, 'name'), 'a case needs a name (a non-empty string)');
      else if (names.has(o['name'])) fail(pointerAppend(p, 'name'), `the name '${o['name']}' is used by another case`);
      else names.add(o['name']);
      if (o['testCase'] !== undefined && typeof o['testCase'] !== 'string') fail(pointerAppend(p, 'testCase'), 'testCase names a test case of the mock configuration');
      if (o['testCase'] !== undefined && mocks === undefined) fail(pointerAppend(p, 'testCase'), "testCase needs the file's mocks (a MockConfigFile)");
      for (const flag of ['skip', 'only', 'memoryOnly']) if (o[flag] !== undefined && typeof o[flag] !== 'boolean') fail(pointerAppend(p, flag), `${flag} is true or false`);
      if (o['mocks'] !== undefined) {
        if (!isObject(o['mocks'] as Json)) fail(pointerAppend(p, 'mocks'), 'mocks maps state names to a mocked response name or its attempts');
        else
          for (const [state, m] of Object.entries(o['mocks'] as Record<string, unknown>)) {
            if (typeof m !== 'string' && !isObject(m as Json)) fail(pointerAppend(pointerAppend(p, 'mocks'), state), 'a state mock is a mocked response name or an object of attempts ("0": { Return: ... })');
          }
      }
      const ex = o['expect'];
      const ep = pointerAppend(p, 'expect');
      if (!isObject(ex as Json)) return fail(ex === undefined ? p : ep, 'a case needs expect: { status, output, ... }');
      for (const [k, v] of Object.entries(ex as Record<string, unknown>)) {
        const check = EXPECT_KEYS[k];
        const kp = pointerAppend(ep, k);
        if (!check) fail(kp, `unknown expectation '${k}' (expected one of: ${Object.keys(EXPECT_KEYS).join(', ')})`);
        else if (check === 'status' && !STATUSES.includes(v as ExpectedStatus)) fail(kp, `status is one of ${STATUSES.join(', ')}`);
        else if (check === 'string' && typeof v !== 'string') fail(kp, `${k} must be a string`);
        else if (check === 'stringList' && !(Array.isArray(v) && v.every((s) => typeof s === 'string'))) fail(kp, `${k} must be a list of state names`);
        else if ((check === 'recordAny' || check === 'recordCount') && !isObject(v as Json)) fail(kp, `${k} maps state names to values`);
        else if (check === 'recordCount')
          for (const [s, n] of Object.entries(v as Record<string, unknown>))
            if (!Number.isInteger(n) || (n as number) < 0) fail(pointerAppend(kp, s), 'attempts is a whole number');
      }
      return undefined;
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, spec: root as unknown as TestFileSpec };
}

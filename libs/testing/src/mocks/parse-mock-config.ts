/**
 * Checks a MockConfigFile and compiles it into a MockConfig. Every problem is collected with its
 * JSON pointer (and line, when the configuration came from text) into one MockConfigError.
 */
import type { Json } from '@stepwise/asl';
import { isJsonObject as isObject } from '../json-values.js';
import { parse as parseYaml } from 'yaml';
import { parseAttemptRange } from './attempt-range.js';
import { MockConfigError, type MockConfigIssue } from './mock-config-error.js';
import type { MockConfig, MockConfigFile, MockedAttempt, MockedResponse, MockTestCase } from './mock-config-types.js';
import { locatePointer, pointerAppend } from '../json-pointer.js';

/** Parses the text of a mock configuration file (JSON, or YAML for `.yaml`/`.yml` names). */
export function loadMockConfig(text: string, fileName: string): MockConfig {
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(fileName) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new MockConfigError(fileName, [{ pointer: '', message: `not valid ${/\.ya?ml$/i.test(fileName) ? 'YAML' : 'JSON'}: ${(e as Error).message}`, ...syntaxPosition(text, e) }]);
  }
  try {
    return parseMockConfig(value, fileName);
  } catch (e) {
    if (!(e instanceof MockConfigError)) throw e;
    throw new MockConfigError(
      fileName,
      e.issues.map((i) => ({ ...i, ...locatePointer(text, i.pointer) })),
    );
  }
}

/** Checks a configuration given as an object (REST API, runInMemory, inline test files). */
export function parseMockConfig(value: unknown, source = '<inline>'): MockConfig {
  const issues: MockConfigIssue[] = [];
  const fail = (pointer: string, message: string): void => {
    issues.push({ pointer, message });
  };
  if (!isObject(value as Json)) {
    throw new MockConfigError(source, [{ pointer: '', message: 'a mock configuration must be a JSON object with the fields StateMachines and MockedResponses' }]);
  }
  const root = value as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (key !== 'StateMachines' && key !== 'MockedResponses' && key !== '$schema') {
      fail(pointerAppend('', key), `unknown field '${key}': a mock configuration has only StateMachines and MockedResponses`);
    }
  }

  const responses = new Map<string, MockedResponse>();
  const rawResponses = root['MockedResponses'];
  if (rawResponses === undefined) fail('', "the field 'MockedResponses' is required");
  else if (!isPlainObject(rawResponses)) fail('/MockedResponses', 'MockedResponses must be an object of mocked responses');
  else {
    for (const [name, raw] of Object.entries(rawResponses)) {
      const response = parseResponse(name, raw, pointerAppend('/MockedResponses', name), fail);
      if (response) responses.set(name, response);
    }
  }

  const stateMachines = new Map<string, Map<string, MockTestCase>>();
  const rawMachines = root['StateMachines'];
  if (rawMachines === undefined) fail('', "the field 'StateMachines' is required");
  else if (!isPlainObject(rawMachines)) fail('/StateMachines', 'StateMachines must be an object keyed by state machine name');
  else {
    for (const [machineName, rawMachine] of Object.entries(rawMachines)) {
      const machinePointer = pointerAppend('/StateMachines', machineName);
      if (!isPlainObject(rawMachine)) {
        fail(machinePointer, `the state machine '${machineName}' must be an object with the field TestCases`);
        continue;
      }
      for (const key of Object.keys(rawMachine)) {
        if (key !== 'TestCases') fail(pointerAppend(machinePointer, key), `unknown field '${key}': a state machine has only TestCases`);
      }
      const rawCases = rawMachine['TestCases'];
      const casesPointer = pointerAppend(machinePointer, 'TestCases');
      if (!isPlainObject(rawCases)) {
        fail(rawCases === undefined ? machinePointer : casesPointer, `the state machine '${machineName}' needs a TestCases object`);
        continue;
      }
      const cases = new Map<string, MockTestCase>();
      for (const [caseName, rawCase] of Object.entries(rawCases)) {
        const casePointer = pointerAppend(casesPointer, caseName);
        if (!isPlainObject(rawCase)) {
          fail(casePointer, `the test case '${caseName}' must be an object mapping state names to mocked response names`);
          continue;
        }
        const states = new Map<string, MockedResponse>();
        for (const [stateName, responseName] of Object.entries(rawCase)) {
          const statePointer = pointerAppend(casePointer, stateName);
          if (typeof responseName !== 'string') {
            fail(statePointer, `the state '${stateName}' must name a mocked response (a string)`);
            continue;
          }
          const response = responses.get(responseName);
          if (!response) {
            if (!isPlainObject(rawResponses) || !(responseName in rawResponses)) {
              fail(statePointer, `the mocked response '${responseName}' is not defined in MockedResponses`);
            }
            continue;
          }
          states.set(stateName, response);
        }
        cases.set(caseName, { stateMachineName: machineName, testCaseName: caseName, states, source });
      }
      stateMachines.set(machineName, cases);
    }
  }

  if (issues.length > 0) throw new MockConfigError(source, issues);
  return { source, stateMachines, responses, raw: root as unknown as MockConfigFile };
}

function parseResponse(
  name: string,
  raw: unknown,
  pointer: string,
  fail: (pointer: string, message: string) => void,
): MockedResponse | undefined {
  if (!isPlainObject(raw)) {
    fail(pointer, `the mocked response '${name}' must be an object keyed by attempt ("0", "1-2", ...)`);
    return undefined;
  }
  const ranges: { from: number; to: number; attempt: MockedAttempt; key: string }[] = [];
  let ok = true;
  for (const [key, rawAttempt] of Object.entries(raw)) {
    const keyPointer = pointerAppend(pointer, key);
    const range = parseAttemptRange(key);
    if (!range.ok) {
      fail(keyPointer, range.message);
      ok = false;
      continue;
    }
    const attempt = parseAttempt(rawAttempt, keyPointer, fail);
    if (!attempt) {
      ok = false;
      continue;
    }
    ranges.push({ from: range.from, to: range.to, attempt, key });
  }
  if (!ok) return undefined;
  if (ranges.length === 0) {
    fail(pointer, `the mocked response '${name}' defines no attempt: add at least "0"`);
    return undefined;
  }
  ranges.sort((a, b) => a.from - b.from);
  const attempts: MockedAttempt[] = [];
  for (const r of ranges) {
    if (r.from !== attempts.length) {
      fail(
        pointerAppend(pointer, r.key),
        r.from < attempts.length
          ? `the attempts '${r.key}' overlap attempts defined before (the previous entry ends at attempt ${attempts.length - 1})`
          : `attempts must be numbered consecutively from 0: expected the next entry to start at attempt ${attempts.length}, not ${r.from}`,
      );
      return undefined;
    }
    for (let i = r.from; i <= r.to; i++) attempts.push(r.attempt);
  }
  return { name, attempts };
}

function parseAttempt(raw: unknown, pointer: string, fail: (pointer: string, message: string) => void): MockedAttempt | undefined {
  if (!isPlainObject(raw)) {
    fail(pointer, 'an attempt must be an object with a single field Return or Throw');
    return undefined;
  }
  const keys = Object.keys(raw);
  const extra = keys.filter((k) => k !== 'Return' && k !== 'Throw');
  if (extra.length > 0) {
    fail(pointerAppend(pointer, extra[0] as string), `unknown field '${extra[0]}': an attempt has a single field Return or Throw`);
    return undefined;
  }
  if (keys.length !== 1) {
    fail(pointer, keys.length === 0 ? 'an attempt must have a field Return or Throw' : 'an attempt has either Return or Throw, not both');
    return undefined;
  }
  if ('Return' in raw) return { kind: 'return', value: raw['Return'] as Json };
  const thrown = raw['Throw'];
  const throwPointer = pointerAppend(pointer, 'Throw');
  if (!isPlainObject(thrown)) {
    fail(throwPointer, 'Throw must be an object with the string fields Error and Cause');
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(thrown)) {
    if (key !== 'Error' && key !== 'Cause') {
      fail(pointerAppend(throwPointer, key), `unknown field '${key}': Throw has only Error and Cause`);
      ok = false;
    }
  }
  for (const field of ['Error', 'Cause'] as const) {
    if (typeof thrown[field] !== 'string') {
      fail(thrown[field] === undefined ? throwPointer : pointerAppend(throwPointer, field), `Throw needs a string field ${field}`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return { kind: 'throw', error: thrown['Error'] as string, cause: thrown['Cause'] as string };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function syntaxPosition(text: string, e: unknown): { line?: number; column?: number } {
  const linePos = (e as { linePos?: { line: number; col: number }[] }).linePos?.[0];
  if (linePos) return { line: linePos.line, column: linePos.col };
  const m = /position (\d+)/.exec((e as Error).message ?? '');
  if (!m) return {};
  const offset = Number(m[1]);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/**
 * A case's inline mocks (`mocks: { StateName: "ResponseName" | { "0": { Return: ... } } }`)
 * turned into a MockTestCase, layered over a named test case when the case gives both.
 */
import { MockConfigError } from './mock-config-error.js';
import type { MockConfig, MockedResponse, MockTestCase } from './mock-config-types.js';
import { parseMockConfig } from './parse-mock-config.js';
import { pointerAppend } from '../json-pointer.js';
import type { InlineStateMock } from '../test-file/types.js';

export function inlineTestCase(
  base: MockTestCase | undefined,
  mocks: Readonly<Record<string, InlineStateMock>>,
  config: MockConfig | undefined,
  names: { stateMachineName: string; testCaseName: string; source: string; pointer: string },
): MockTestCase {
  const states = new Map<string, MockedResponse>(base?.states ?? []);
  const responses: Record<string, unknown> = {};
  const issues: { pointer: string; message: string }[] = [];
  for (const [state, mock] of Object.entries(mocks)) {
    if (typeof mock === 'string') {
      const response = config?.responses.get(mock);
      if (!response) {
        issues.push({ pointer: pointerAppend(names.pointer, state), message: `the mocked response '${mock}' is not defined in the mock configuration's MockedResponses` });
        continue;
      }
      states.set(state, response);
    } else {
      responses[state] = mock;
    }
  }
  if (issues.length > 0) throw new MockConfigError(names.source, issues);
  if (Object.keys(responses).length > 0) {
    let parsed: MockConfig;
    try {
      parsed = parseMockConfig({ StateMachines: {}, MockedResponses: responses }, names.source);
    } catch (e) {
      if (!(e instanceof MockConfigError)) throw e;
      throw new MockConfigError(
        names.source,
        e.issues.map((i) => ({ ...i, pointer: names.pointer + i.pointer.replace(/^\/MockedResponses/, '') })),
      );
    }
    for (const [state, response] of parsed.responses) states.set(state, { ...response, name: `${names.testCaseName}/${state}` });
  }
  return { stateMachineName: names.stateMachineName, testCaseName: names.testCaseName, states, source: names.source };
}

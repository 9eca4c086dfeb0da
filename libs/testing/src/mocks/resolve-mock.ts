/**
 * Per-state, per-attempt mock resolution, shared by runInMemory's task hook, the durable engine
 * and the test runner. The attempt counts the tries of one entry of a state: "0" answers the
 * first try, each retry consumes the next one, and every entry (a Map iteration, a Parallel
 * branch, a loop back through the state) starts again at "0", as the recorded conformance cases
 * and LocalStack count them.
 */
import type { Json } from '@stepwise/asl';
import { MockConfigError } from './mock-config-error.js';
import type { MockConfig, MockTestCase } from './mock-config-types.js';
import { pointerAppend } from '../json-pointer.js';

export type MockResolution =
  /** The case does not mock this state: it runs for real (AWS: "a Task will attempt to call the service"). */
  | { readonly kind: 'notMocked' }
  | { readonly kind: 'return'; readonly value: Json; readonly responseName: string }
  | { readonly kind: 'throw'; readonly error: string; readonly cause: string; readonly responseName: string }
  /**
   * The state is mocked but the response has no entry for this attempt. AWS: "you must specify a
   * mocked response for every invocation ... If you do not, the execution will fail". Never a
   * fall back to a real call.
   */
  | { readonly kind: 'exhausted'; readonly error: 'States.Runtime'; readonly cause: string; readonly responseName: string };

/** The test case `<stateMachineName>#<testCase>`; a clear error naming the file and pointer when it does not exist. */
export function selectTestCase(config: MockConfig, stateMachineName: string, testCase: string): MockTestCase {
  const cases = config.stateMachines.get(stateMachineName);
  if (!cases) {
    const known = [...config.stateMachines.keys()];
    throw new MockConfigError(config.source, [
      {
        pointer: pointerAppend('/StateMachines', stateMachineName),
        message: `no state machine '${stateMachineName}' in the mock configuration${known.length > 0 ? ` (it has: ${known.map((k) => `'${k}'`).join(', ')})` : ''}`,
      },
    ]);
  }
  const found = cases.get(testCase);
  if (!found) {
    const known = [...cases.keys()];
    throw new MockConfigError(config.source, [
      {
        pointer: pointerAppend(pointerAppend(pointerAppend('/StateMachines', stateMachineName), 'TestCases'), testCase),
        message: `no test case '${testCase}' for the state machine '${stateMachineName}'${known.length > 0 ? ` (it has: ${known.map((k) => `'${k}'`).join(', ')})` : ''}`,
      },
    ]);
  }
  return found;
}

/** What attempt `attempt` (0-based) of state `stateName` does in a selected test case. */
export function mockForAttempt(testCase: MockTestCase, stateName: string, attempt: number): MockResolution {
  const response = testCase.states.get(stateName);
  if (!response) return { kind: 'notMocked' };
  const entry = response.attempts[attempt];
  if (!entry) {
    return {
      kind: 'exhausted',
      error: 'States.Runtime',
      responseName: response.name,
      cause:
        `The mocked response '${response.name}' for the state '${stateName}' in the test case '${testCase.testCaseName}' ` +
        `has no entry for attempt ${attempt} (it defines attempts 0-${response.attempts.length - 1}) in ${testCase.source} at ` +
        `${pointerAppend('/MockedResponses', response.name)}.`,
    };
  }
  return entry.kind === 'return'
    ? { kind: 'return', value: entry.value, responseName: response.name }
    : { kind: 'throw', error: entry.error, cause: entry.cause, responseName: response.name };
}

/** `selectTestCase` then `mockForAttempt`, for callers that keep only names around (the engine). */
export function resolveMock(config: MockConfig, stateMachineName: string, testCase: string, stateName: string, attempt: number): MockResolution {
  return mockForAttempt(selectTestCase(config, stateMachineName, testCase), stateName, attempt);
}

/**
 * Local testing on the server: answers the tasks of an execution started as
 * `<stateMachineArn>#<TestCase>` from an AWS MockConfigFile (SFN_MOCK_CONFIG), attempt by attempt,
 * with @stepwise/testing's resolver — the same one runInMemory and `stepwise test` use. A state
 * the test case does not mock runs for real; a mocked state past its last attempt, or a test case
 * the file does not have, fails with States.Runtime and a cause naming the file and JSON pointer
 * (never a silent real call).
 */
import { readFileSync } from 'node:fs';
import { loadMockConfig, resolveMock, isMockConfigError, type MockConfig } from '@stepwise/testing';
import type { TaskOutcome, TaskRequest } from './types.js';

export type MocksHook = (req: TaskRequest) => TaskOutcome | undefined;

/** Reads and checks the file at start, so a malformed file stops the process with its location. */
export function readMockConfigSync(path: string): MockConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`SFN_MOCK_CONFIG=${path}: cannot read the mock configuration (${(e as Error).message}); set it to a MockConfigFile path or unset it.`);
  }
  return loadMockConfig(text, path);
}

export function mockConfigHook(config: MockConfig): MocksHook {
  return (req) => {
    if (req.mockTestCase === undefined || req.stateMachineName === undefined) return undefined;
    try {
      // The engine counts attempts from 1; MockConfigFile attempts from "0".
      const r = resolveMock(config, req.stateMachineName, req.mockTestCase, req.stateName, req.attempt - 1);
      switch (r.kind) {
        case 'notMocked':
          return undefined;
        case 'return':
          return { kind: 'succeeded', output: r.value };
        // a mocked .sync / .waitForTaskToken failure is the work's, after the service accepted it
        case 'throw':
        case 'exhausted':
          return { kind: 'failed', error: r.error, cause: r.cause, ...(req.pattern !== 'requestResponse' ? { submitted: true as const } : {}) };
      }
    } catch (e) {
      if (isMockConfigError(e)) return { kind: 'failed', error: 'States.Runtime', cause: e.message };
      throw e;
    }
  };
}

/**
 * The bridge between a mock test case and runInMemory's `taskHandler` hook: each attempt of a
 * Task state is answered by its mocked response (Return → success, Throw → failure, past the last
 * entry → States.Runtime), else by a local handler, else it fails with a cause saying it was not
 * mocked. Nothing is ever called for real from here. Every attempt is recorded for expectations.
 */
import type { Json, TaskOutcome, TaskRequest } from '@stepwise/asl';
import type { MockTestCase } from '../mocks/mock-config-types.js';
import { mockForAttempt } from '../mocks/resolve-mock.js';
import { failureOf, findHandler, type LocalHandlers } from './local-handlers.js';
import type { TaskCall } from './observation.js';

export interface MockTaskHandlerOptions {
  readonly mocks?: MockTestCase;
  readonly handlers?: LocalHandlers;
  /** When false, a state with neither mock nor local handler falls through to runInMemory's own `handlers`. */
  readonly failUnmocked?: boolean;
  /** Receives every attempt served here. */
  readonly record?: (call: TaskCall) => void;
  /**
   * Called when a mocked state runs out of mocked attempts. AWS: the execution fails. runInMemory
   * sees a task failure (which States.ALL would catch), so the caller ends the run as FAILED.
   */
  readonly onExhausted?: (failure: { readonly error: string; readonly cause: string }) => void;
}

/**
 * Mocked attempts are answered synchronously (runInMemory accepts an outcome or a promise of
 * one), so a mocked Task costs no promise; only a local handler is awaited.
 */
export function mockTaskHandler(options: MockTaskHandlerOptions): (request: TaskRequest) => TaskOutcome | undefined | Promise<TaskOutcome | undefined> {
  const { mocks, handlers, record } = options;
  return (request) => {
    const attempt = request.attempt - 1;
    const resolution = mocks ? mockForAttempt(mocks, request.stateName, attempt) : NOT_MOCKED;
    switch (resolution.kind) {
      case 'return':
        record?.({ stateName: request.stateName, resource: request.resource, attempt, input: request.input, mocked: true, outcome: { ok: true, output: resolution.value } });
        // A mocked .sync or .waitForTaskToken task completes at once; its submission (TaskSubmitted) has no recorded response.
        return request.pattern === 'requestResponse' ? { kind: 'succeeded', output: resolution.value } : { kind: 'succeeded', output: resolution.value, submitted: {} };
      case 'exhausted':
        options.onExhausted?.({ error: resolution.error, cause: resolution.cause });
        record?.({ stateName: request.stateName, resource: request.resource, attempt, input: request.input, mocked: true, outcome: { ok: false, error: resolution.error, cause: resolution.cause } });
        return { kind: 'failed', error: resolution.error, cause: resolution.cause };
      case 'throw':
        record?.({ stateName: request.stateName, resource: request.resource, attempt, input: request.input, mocked: true, outcome: { ok: false, error: resolution.error, cause: resolution.cause } });
        return { kind: 'failed', error: resolution.error, cause: resolution.cause };
      case 'notMocked':
        return unmocked(options, handlers, request, attempt);
    }
  };
}

const NOT_MOCKED = { kind: 'notMocked' } as const;

async function unmocked(options: MockTaskHandlerOptions, handlers: LocalHandlers | undefined, request: TaskRequest, attempt: number): Promise<TaskOutcome | undefined> {
  const { mocks, record } = options;
  const base = { stateName: request.stateName, resource: request.resource, attempt, input: request.input };
  const handler = findHandler(handlers, request.stateName, request.resource);
  if (!handler) {
    if (options.failUnmocked === false) return undefined;
    const cause =
      `The state '${request.stateName}' (${request.resource}) has no mocked response` +
      (mocks ? ` in the test case '${mocks.testCaseName}'` : '') +
      ' and no local handler; tests in memory never call real services.';
    record?.({ ...base, mocked: false, outcome: { ok: false, error: 'States.TaskFailed', cause } });
    return { kind: 'failed', error: 'States.TaskFailed', cause };
  }
  try {
    const raw = await handler(request.input, { stateName: request.stateName, resource: request.resource, attempt, ...(request.taskToken !== undefined ? { taskToken: request.taskToken } : {}) });
    const output = (raw === undefined ? null : JSON.parse(JSON.stringify(raw))) as Json;
    record?.({ ...base, mocked: false, outcome: { ok: true, output } });
    return { kind: 'succeeded', output };
  } catch (e) {
    const f = failureOf(e);
    record?.({ ...base, mocked: false, outcome: { ok: false, ...f } });
    return { kind: 'failed', ...f };
  }
}

/**
 * Finds the handler for a Task's resource and turns what it does (returns, throws) into a
 * TaskOutcome. A thrown error's `error`/`name` becomes the error name and its `cause`/`message`
 * the cause, so handlers can raise custom errors that Retry and Catch match.
 */
import type { Json } from '../json.js';
import { isStatesError } from '../errors/states-error.js';
import type { RunOptions, TaskHandler, TaskOutcome, TaskRequest } from './options.js';
import { noHandlerCause } from '../errors/state-causes.js';

function wildcard(pattern: string): RegExp {
  const body = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}

export type HandlerTable = ReadonlyArray<readonly [RegExp | string, TaskHandler]>;

export function handlerTable(handlers: RunOptions['handlers']): HandlerTable {
  if (handlers === undefined) return [];
  const entries: Array<readonly [string | RegExp, TaskHandler]> = Array.isArray(handlers)
    ? [...(handlers as ReadonlyArray<readonly [string | RegExp, TaskHandler]>)]
    : Object.entries(handlers as Readonly<Record<string, TaskHandler>>);
  return entries.map(([key, fn]) => {
    if (key instanceof RegExp) return [key, fn] as const;
    const re = /^\/(.+)\/([a-z]*)$/.exec(key);
    if (re?.[1] !== undefined) return [new RegExp(re[1], re[2]), fn] as const;
    return [key.includes('*') ? wildcard(key) : key, fn] as const;
  });
}

function findHandler(table: HandlerTable, resource: string): TaskHandler | undefined {
  const exact = table.find(([k]) => k === resource);
  if (exact) return exact[1];
  return table.find(([k]) => k instanceof RegExp && k.test(resource))?.[1];
}

function failureOf(e: unknown): TaskOutcome {
  if (isStatesError(e)) return { kind: 'failed', error: e.error, cause: e.cause };
  if (typeof e === 'object' && e !== null) {
    const o = e as { error?: unknown; name?: unknown; cause?: unknown; message?: unknown };
    const error = typeof o.error === 'string' ? o.error : typeof o.name === 'string' ? o.name : 'Error';
    const cause = typeof o.cause === 'string' ? o.cause : typeof o.message === 'string' ? o.message : String(e);
    return { kind: 'failed', error, cause };
  }
  return { kind: 'failed', error: 'Error', cause: String(e) };
}

/**
 * Serves one attempt: the taskHandler hook, then the handlers table, else States.TaskFailed.
 * A hook that answers synchronously (mocks) gets its outcome back synchronously: no promise.
 */
export function serveTask(options: RunOptions, table: HandlerTable, request: TaskRequest): TaskOutcome | Promise<TaskOutcome> {
  if (options.taskHandler === undefined) return fromTable(table, request);
  let decided: TaskOutcome | undefined | Promise<TaskOutcome | undefined>;
  try {
    decided = options.taskHandler(request);
  } catch (e) {
    return failureOf(e);
  }
  if (decided instanceof Promise) {
    return decided.then(
      (d) => (d !== undefined ? d : fromTable(table, request)),
      (e: unknown) => failureOf(e),
    );
  }
  return decided !== undefined ? decided : fromTable(table, request);
}

async function fromTable(table: HandlerTable, request: TaskRequest): Promise<TaskOutcome> {
  try {
    const handler = findHandler(table, request.resource);
    if (handler === undefined) return { kind: 'failed', error: 'States.TaskFailed', cause: noHandlerCause(request.resource) };
    const { input, ...info } = request;
    const output: Json = await handler(input, info);
    return { kind: 'succeeded', output: output === undefined ? null : JSON.parse(JSON.stringify(output)) as Json };
  } catch (e) {
    return failureOf(e);
  }
}

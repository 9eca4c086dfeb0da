/**
 * Local task handlers: what runs a Task state that the case does not mock (AWS's "hybrid path").
 * Keyed by state name first, then by resource ARN. A handler returns the task's result or throws
 * `{ error, cause }` (or a StatesError) to fail the attempt.
 */
import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Json } from '@stepwise/asl';

export interface LocalHandlerContext {
  readonly stateName: string;
  readonly resource: string;
  /** 0-based attempt within this entry of the state. */
  readonly attempt: number;
  readonly taskToken?: string;
}

export type LocalHandler = (parameters: Json, context: LocalHandlerContext) => Json | Promise<Json>;
export type LocalHandlers = Readonly<Record<string, LocalHandler>>;

export function findHandler(handlers: LocalHandlers | undefined, stateName: string, resource: string): LocalHandler | undefined {
  if (!handlers) return undefined;
  return handlers[stateName] ?? handlers[resource];
}

/** A thrown value as a task failure in AWS's shape. */
export function failureOf(thrown: unknown): { error: string; cause: string } {
  if (typeof thrown === 'object' && thrown !== null) {
    const o = thrown as { error?: unknown; cause?: unknown; message?: unknown; name?: unknown };
    if (typeof o.error === 'string') return { error: o.error, cause: typeof o.cause === 'string' ? o.cause : o.cause === undefined ? '' : JSON.stringify(o.cause) };
    if (thrown instanceof Error) return { error: thrown.name === 'Error' ? 'Error' : thrown.name, cause: thrown.message };
  }
  return { error: 'Error', cause: String(thrown) };
}

/**
 * Imports a handlers module: its default export (or the module itself) maps names to functions.
 * The URL carries the file's modification time, so `--watch` picks up an edited module.
 */
export async function importHandlers(file: string): Promise<LocalHandlers> {
  const url = pathToFileURL(file);
  url.searchParams.set('mtime', String(statSync(file).mtimeMs));
  const mod = (await import(url.href)) as { default?: unknown };
  const table = (mod.default ?? mod) as Record<string, unknown>;
  const out: Record<string, LocalHandler> = {};
  for (const [k, v] of Object.entries(table)) {
    if (typeof v !== 'function') throw new Error(`${file}: the handler '${k}' is not a function`);
    out[k] = v as LocalHandler;
  }
  return out;
}

/**
 * Catch: the first Catcher whose ErrorEquals matches an error (after Retry gave up), and the
 * error output `{Error, Cause}` it hands on. AWS writes absent fields as null in that object.
 */
import type { Catcher } from '../definition/types.js';
import type { JsonObject } from '../json.js';
import { errorMatches } from './error-table.js';

export function findCatcher(catchers: readonly Catcher[] | undefined, error: string | undefined, reportedByTask = false): Catcher | undefined {
  return catchers?.find((c) => errorMatches(c.ErrorEquals, error, reportedByTask));
}

/** The error output a Catcher passes on (`$` in JSONPath, `$states.errorOutput` in JSONata). */
export function errorOutput(error: string | undefined, cause: string | undefined): JsonObject {
  return { Error: error ?? null, Cause: cause ?? null };
}

/**
 * ResultPath: where a state's result lands in its input. `null` discards the result, `$`
 * replaces the input, and `$.a.b` writes into a copy of the input, creating objects on the way.
 */
import type { Json, JsonObject } from '../json.js';
import { cloneJson, isObject, toJsonText } from '../json.js';
import { StatesError } from '../errors/states-error.js';
import { parsePath } from './syntax.js';

/**
 * ResultPath semantics: null → input unchanged; '$' (or absent) → result; '$.a.b' → copy of
 * input with a.b set. Throws StatesError('States.Runtime') when a step on the way is not an
 * object (or, for an index, not an array long enough).
 */
export function applyResultPath(input: Json, result: Json, resultPath: string | null | undefined): Json {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === '$') return result;
  const parsed = parsePath(resultPath);
  if (parsed.root.kind !== 'input') throw unableToApply(resultPath, input);
  const segments = parsed.segments;
  if (segments.length === 0) return result;
  if (!isObject(input) && !Array.isArray(input)) throw unableToApply(resultPath, input);
  const out = cloneJson(input);
  let cur: JsonObject | Json[] = out;
  for (let k = 0; k < segments.length; k++) {
    const s = segments[k];
    const last = k === segments.length - 1;
    if (s?.kind === 'name') {
      if (!isObject(cur)) throw unableToApply(resultPath, input);
      if (last) {
        cur[s.name] = result;
        break;
      }
      const next: Json | undefined = cur[s.name];
      if (next === undefined || next === null) {
        const created: JsonObject = {};
        cur[s.name] = created;
        cur = created;
      } else if (isObject(next) || Array.isArray(next)) {
        cur = next;
      } else {
        throw unableToApply(resultPath, input);
      }
    } else if (s?.kind === 'index') {
      if (!Array.isArray(cur)) throw unableToApply(resultPath, input);
      const i = s.index < 0 ? cur.length + s.index : s.index;
      if (i < 0 || i >= cur.length) throw unableToApply(resultPath, input);
      if (last) {
        cur[i] = result;
        break;
      }
      const next = cur[i] as Json;
      if (isObject(next) || Array.isArray(next)) cur = next;
      else throw unableToApply(resultPath, input);
    } else {
      throw unableToApply(resultPath, input);
    }
  }
  return out;
}

function unableToApply(path: string, input: Json): StatesError {
  return new StatesError('States.Runtime', `Unable to apply ReferencePath ${path} to input ${toJsonText(input)}`);
}

/**
 * Variable scopes. A frame sees its own variables and, read-only, those of the enclosing scopes
 * (a Parallel branch or Map iteration inherits a snapshot at spawn). Assign writes only to the
 * frame's own scope, so a child can never change an outer variable (AWS).
 */
import type { Json, JsonObject } from '../json.js';

export function lookupVariable(own: JsonObject, inherited: JsonObject, name: string): Json | undefined {
  if (Object.prototype.hasOwnProperty.call(own, name)) return own[name];
  if (Object.prototype.hasOwnProperty.call(inherited, name)) return inherited[name];
  return undefined;
}

/** Everything visible, inner names shadowing outer ones: what a child inherits. */
export function visibleVariables(own: JsonObject, inherited: JsonObject): JsonObject {
  return { ...inherited, ...own };
}

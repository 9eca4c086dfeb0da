// The public surface of @stepwise/asl, exported by name.
export type { Json, JsonObject } from './json.js';
export { isObject, jsonEquals, toJsonText, byteSize, cloneJson } from './json.js';
export { StatesError, isStatesError } from './errors/states-error.js';

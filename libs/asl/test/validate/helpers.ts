// Builders and assertions shared by the validation tests: small definitions around the one
// field a test is about, and a matcher on (code, location) that prints every diagnostic on failure.
import { expect } from 'vitest';
import type { Diagnostic } from '../../src/definition/diagnostics.js';
import type { ValidateOptions } from '../../src/definition/validate.js';
import { validateDefinition } from '../../src/definition/validate.js';

export type Obj = Record<string, unknown>;

/** A one-state machine: `state` is merged into a state named `S`. */
export function oneState(state: Obj, top: Obj = {}): Obj {
  return { StartAt: 'S', States: { S: state }, ...top };
}

/** A JSONata machine with one state. */
export function jsonata(state: Obj): Obj {
  return oneState(state, { QueryLanguage: 'JSONata' });
}

export function errors(definition: unknown, options?: ValidateOptions): Diagnostic[] {
  return validateDefinition(definition, options).filter((d) => d.severity === 'ERROR');
}

/** Asserts an ERROR with this code at this location (and, when given, a message containing `text`). */
export function expectError(definition: unknown, code: string, location: string, text?: string, options?: ValidateOptions): void {
  const all = validateDefinition(definition, options);
  const hit = all.find((d) => d.severity === 'ERROR' && d.code === code && d.location === location);
  expect(hit, `expected ${code} at ${location}; got ${JSON.stringify(all, null, 1)}`).toBeDefined();
  if (text !== undefined) expect(hit?.message).toContain(text);
}

/** Asserts no ERROR at all. */
export function expectValid(definition: unknown, options?: ValidateOptions): void {
  expect(errors(definition, options)).toEqual([]);
}

export interface BadCase {
  readonly name: string;
  readonly definition: unknown;
  readonly code: string;
  readonly location: string;
  readonly text?: string;
  readonly options?: ValidateOptions;
}

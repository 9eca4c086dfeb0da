/**
 * Live validation for the editor: JSON syntax first, then the definition's own errors from
 * @stepwise/asl's validateDefinition (the validator the api uses), each placed on a line by its
 * JSON pointer.
 */
import * as asl from '@stepwise/asl';
import { lineColumn, locatePointer, parseWithLocations } from './json-locate.js';
import type { JsonValue } from '../util/json.js';

export interface EditorDiagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly code: string;
  readonly message: string;
  readonly location: string;
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

interface AslDiagnostic {
  readonly severity?: string;
  readonly code?: string;
  readonly message?: string;
  readonly location?: string;
}

type Validator = (definition: unknown) => readonly AslDiagnostic[];

/** @stepwise/asl's validateDefinition; looked up by name so the console builds while it lands. */
export function definitionValidator(): Validator | undefined {
  const fn = (asl as Record<string, unknown>)['validateDefinition'];
  return typeof fn === 'function' ? (fn as Validator) : undefined;
}

export interface ValidationResult {
  readonly value?: JsonValue;
  readonly diagnostics: readonly EditorDiagnostic[];
}

export function validateText(text: string, validator: Validator | undefined = definitionValidator()): ValidationResult {
  const parsed = parseWithLocations(text);
  if (!parsed.ok) {
    const lc = lineColumn(text, parsed.offset);
    return { diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: parsed.message, location: '', offset: parsed.offset, ...lc }] };
  }
  let raw: readonly AslDiagnostic[] = [];
  try {
    raw = validator ? validator(parsed.value) : [];
  } catch (e) {
    raw = [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: e instanceof Error ? e.message : String(e), location: '' }];
  }
  const diagnostics = raw.map((d): EditorDiagnostic => {
    const location = d.location ?? '';
    const offset = locatePointer(parsed.locations, location);
    return {
      severity: d.severity === 'WARNING' ? 'WARNING' : 'ERROR',
      code: d.code ?? 'SCHEMA_VALIDATION_FAILED',
      message: d.message ?? '',
      location,
      offset,
      ...lineColumn(text, offset),
    };
  });
  return { value: parsed.value, diagnostics };
}

/** The state node ids (JSON pointers of states) that hold a diagnostic, for marking the graph. */
export function invalidStateIds(diagnostics: readonly EditorDiagnostic[]): Set<string> {
  const out = new Set<string>();
  for (const d of diagnostics) {
    const m = /^(.*\/States\/[^/]+)/.exec(d.location);
    if (m?.[1]) {
      // The deepest "/States/<name>" prefix names the state.
      const parts = d.location.split('/');
      let last = '';
      for (let k = 1; k < parts.length - 1; k++) if (parts[k] === 'States') last = parts.slice(0, k + 2).join('/');
      out.add(last || m[1]);
    }
  }
  return out;
}

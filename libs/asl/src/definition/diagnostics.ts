/**
 * Validation findings as data, in the shape of AWS's ValidateStateMachineDefinition diagnostics
 * (severity, code, message, location), and the one function that turns them into the message of
 * CreateStateMachine's InvalidDefinition error. Kept apart from the checks so the API layer can
 * render diagnostics without importing the validator.
 */

/** AWS's diagnostic codes (ValidateStateMachineDefinitionDiagnostic, "List of error/warning codes"). */
export const DIAGNOSTIC_CODES = [
  // errors
  'INVALID_JSON_DESCRIPTION',
  'MISSING_DESCRIPTION',
  'SCHEMA_VALIDATION_FAILED',
  'INVALID_RESOURCE',
  'MISSING_END_STATE',
  'DUPLICATE_STATE_NAME',
  'INVALID_STATE_NAME',
  'DUPLICATE_LABEL_NAME',
  'INVALID_LABEL_NAME',
  'MISSING_TRANSITION_TARGET',
  'TOO_DEEPLY_NESTED',
  // errors AWS returns that its documentation does not list
  'INVALID_JSONATA_EXPRESSION',
  'UNSUPPORTED_JSONATA_EXPRESSION',
  // warnings
  'NO_DOLLAR',
  'NO_PATH',
  'PASS_RESULT_IS_STATIC',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  /** AWS ValidateStateMachineDefinition code, stable (e.g. SCHEMA_VALIDATION_FAILED). */
  readonly code: string;
  /** AWS's wording where known. */
  readonly message: string;
  /**
   * JSON pointer into the definition, e.g. `/States/Check/Next`; `/` for the top level (AWS's
   * spelling). Empty where AWS gives no location (MISSING_END_STATE, a definition that is not a
   * JSON object): ValidateStateMachineDefinition then omits the field.
   */
  readonly location: string;
}

/** An ERROR diagnostic. */
export function errorDiagnostic(code: DiagnosticCode, message: string, location: string): Diagnostic {
  return { severity: 'ERROR', code, message, location };
}

/** A WARNING diagnostic (does not make a definition invalid). */
export function warningDiagnostic(code: DiagnosticCode, message: string, location: string): Diagnostic {
  return { severity: 'WARNING', code, message, location };
}

/** True when no diagnostic is an ERROR. */
export function isValid(diagnostics: readonly Diagnostic[]): boolean {
  return !diagnostics.some((d) => d.severity === 'ERROR');
}

/**
 * AWS's CreateStateMachine InvalidDefinition message built from diagnostics: every ERROR as
 * `CODE: message at location`, joined by `, ` inside `Invalid State Machine Definition: '...'`.
 * AWS: "Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: pass3
 * at /States/pass1/Next, MISSING_TRANSITION_TARGET: State "pass2" is not reachable. at /States/pass2'"
 * (recorded in localstack/localstack#12487).
 */
export function formatInvalidDefinition(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'ERROR');
  const shown = errors.length > 0 ? errors : diagnostics;
  // AWS renders a diagnostic without location as "at null" ('MISSING_END_STATE: Workflow has no terminal state at null').
  const parts = shown.map((d) => `${d.code}: ${d.message} at ${d.location === '' ? 'null' : d.location}`);
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}

/** Appends segments to a JSON pointer, escaping `~` and `/` inside a segment (RFC 6901). */
export function pointer(base: string, ...segments: readonly (string | number)[]): string {
  let out = base === '/' ? '' : base;
  for (const s of segments) {
    out += '/' + (typeof s === 'number' ? String(s) : escapeSegment(s));
  }
  return out === '' ? '/' : out;
}

function escapeSegment(s: string): string {
  if (!s.includes('~') && !s.includes('/')) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

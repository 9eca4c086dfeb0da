/**
 * The state a validation run carries while it walks a definition: the findings so far, the
 * machine-wide facts checks need (query language, STANDARD/EXPRESS, labels seen, state names
 * seen for duplicates) and the nesting depth. One object per run, so checks stay plain functions.
 */
import type { Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { errorDiagnostic, warningDiagnostic } from '../diagnostics.js';

/** The two query languages of ASL. */
export type QueryLanguage = 'JSONPath' | 'JSONata';

/** The deepest Parallel/Map nesting accepted before TOO_DEEPLY_NESTED. */
export const MAX_NESTING_DEPTH = 40;

export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Label → location of its first use (DUPLICATE_LABEL_NAME). */
  readonly labels = new Map<string, string>();
  /** State name → location of its first definition, across nested machines (DUPLICATE_STATE_NAME). */
  readonly stateNames = new Map<string, string>();
  /** Number of states seen in the whole definition, nested ones included. */
  stateCount = 0;

  constructor(
    /** The top-level QueryLanguage; nested states default to it. */
    readonly machineLanguage: QueryLanguage,
    readonly type: 'STANDARD' | 'EXPRESS',
  ) {}

  error(code: DiagnosticCode, message: string, location: string): void {
    this.diagnostics.push(errorDiagnostic(code, message, location));
  }

  /** SCHEMA_VALIDATION_FAILED, the code of most field-level problems. */
  schema(message: string, location: string): void {
    this.diagnostics.push(errorDiagnostic('SCHEMA_VALIDATION_FAILED', message, location));
  }

  warning(code: DiagnosticCode, message: string, location: string): void {
    this.diagnostics.push(warningDiagnostic(code, message, location));
  }
}

/** Where a check runs: the state's effective query language and the pointer of the state. */
export interface StateScope {
  readonly ctx: ValidationContext;
  readonly language: QueryLanguage;
  /** JSON pointer of the state, e.g. `/States/P/Branches/0/States/X`. */
  readonly location: string;
}

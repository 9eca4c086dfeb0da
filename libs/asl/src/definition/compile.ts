/**
 * compile(): a validated definition → an immutable Program that every execution of it reuses.
 * The Program indexes each sub-machine (the top level, every Parallel branch, every Map
 * ItemProcessor) by the JSON pointer that child frames record as their scope, and fixes each
 * state's query language once.
 */
import type { Definition, QueryLanguage, State, StateMachineBody } from './types.js';
import { validateDefinition, type ValidateOptions } from './validate.js';
import { errorDiagnostic, type Diagnostic } from './diagnostics.js';
import { cloneJson, type Json } from '../json.js';

/** One sub-machine, compiled. */
export interface CompiledBody {
  /** JSON pointer: '' (top level), `/States/P/Branches/0`, `/States/M/ItemProcessor`, ... */
  readonly scope: string;
  readonly startAt: string;
  readonly states: Readonly<Record<string, State>>;
  /** Query language per state name (the state's own, else the top level's, else JSONPath). */
  readonly languages: Readonly<Record<string, QueryLanguage>>;
}

export interface Program {
  /** Brand: tells a compiled Program from a raw definition. */
  readonly compiled: true;
  readonly definition: Definition;
  readonly bodies: ReadonlyMap<string, CompiledBody>;
  /** Execution-level TimeoutSeconds, enforced by the driver. */
  readonly timeoutSeconds?: number;
}

export interface CompileOptions extends ValidateOptions {
  /** Skip validation (the caller validated already). */
  readonly skipValidation?: boolean;
}

export type CompileResult =
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** JSON pointer escaping of one reference token. */
export function pointerToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The scope pointer of a Parallel branch. */
export function branchScope(parentScope: string, stateName: string, index: number): string {
  return `${parentScope}/States/${pointerToken(stateName)}/Branches/${index}`;
}

/** The scope pointer of a Map's ItemProcessor (or legacy Iterator). */
export function processorScope(parentScope: string, stateName: string, field: 'ItemProcessor' | 'Iterator'): string {
  return `${parentScope}/States/${pointerToken(stateName)}/${field}`;
}

/** A definition (parsed JSON or JSON text) → a Program, or every ERROR diagnostic. Never throws. */
export function compile(definition: unknown, options?: CompileOptions): CompileResult {
  if (options?.skipValidation !== true) {
    const { skipValidation: _skip, ...validateOptions } = options ?? {};
    const diagnostics = validateDefinition(definition, validateOptions);
    if (diagnostics.some((d) => d.severity === 'ERROR')) return { ok: false, diagnostics };
  }
  let def: Definition;
  try {
    // A private copy: the Program is immutable even if the caller later edits its object, so
    // what evaluators cache per definition object (compiled templates) never goes stale.
    def = (typeof definition === 'string' ? JSON.parse(definition) : cloneJson(definition as Json)) as Definition;
  } catch (e) {
    return { ok: false, diagnostics: [errorDiagnostic('INVALID_JSON_DESCRIPTION', e instanceof Error ? e.message : String(e), '/')] };
  }
  const topLanguage: QueryLanguage = def.QueryLanguage ?? 'JSONPath';
  const bodies = new Map<string, CompiledBody>();
  const visit = (body: StateMachineBody, scope: string): void => {
    const languages: Record<string, QueryLanguage> = {};
    for (const [name, state] of Object.entries(body.States)) {
      languages[name] = state.QueryLanguage ?? topLanguage;
      if (state.Type === 'Parallel') {
        state.Branches.forEach((b, i) => visit(b, branchScope(scope, name, i)));
      } else if (state.Type === 'Map') {
        if (state.ItemProcessor) visit(state.ItemProcessor, processorScope(scope, name, 'ItemProcessor'));
        else if (state.Iterator) visit(state.Iterator, processorScope(scope, name, 'Iterator'));
      }
    }
    bodies.set(scope, Object.freeze({ scope, startAt: body.StartAt, states: body.States, languages }));
  };
  visit(def, '');
  const program: Program =
    def.TimeoutSeconds !== undefined
      ? { compiled: true, definition: def, bodies, timeoutSeconds: def.TimeoutSeconds }
      : { compiled: true, definition: def, bodies };
  return { ok: true, program: Object.freeze(program) };
}

/** Whether a value is a Program returned by compile() (runInMemory accepts either). */
export function isProgram(v: unknown): v is Program {
  return typeof v === 'object' && v !== null && (v as { compiled?: unknown }).compiled === true && (v as { bodies?: unknown }).bodies instanceof Map;
}

// The part of @stepwise/asl the console uses. Vite bundles the package from its sources (see
// vite.config.ts); this declaration keeps the console's type check independent of the
// interpreter's internals. The shape is validateDefinition's: { severity, code, message, location }.
declare module '@stepwise/asl' {
  export interface Diagnostic {
    readonly severity: 'ERROR' | 'WARNING';
    readonly code: string;
    readonly message: string;
    /** JSON pointer into the definition. */
    readonly location: string;
  }
  export function validateDefinition(definition: unknown): readonly Diagnostic[];
}

/**
 * The one error a mock configuration can raise. It names the file and the JSON pointer of every
 * problem, so a malformed file or an unknown test case never degrades into a silent real call.
 */

export interface MockConfigIssue {
  /** JSON pointer into the configuration, `""` for the whole document. */
  readonly pointer: string;
  readonly message: string;
  /** 1-based line and column in the file's text, when the configuration came from text. */
  readonly line?: number;
  readonly column?: number;
}

export class MockConfigError extends Error {
  override readonly name = 'MockConfigError';
  constructor(
    /** The file name (or `<inline>` for a configuration given as an object). */
    readonly file: string,
    readonly issues: readonly MockConfigIssue[],
  ) {
    super(formatIssues(file, issues));
  }
}

export function isMockConfigError(e: unknown): e is MockConfigError {
  return e instanceof MockConfigError;
}

function formatIssues(file: string, issues: readonly MockConfigIssue[]): string {
  const lines = issues.map((i) => {
    const at = i.line === undefined ? '' : `:${i.line}:${i.column ?? 1}`;
    return `${file}${at} at ${i.pointer === '' ? '/' : i.pointer}: ${i.message}`;
  });
  const head = issues.length === 1 ? 'Invalid mock configuration' : `Invalid mock configuration (${issues.length} problems)`;
  return `${head}\n  ${lines.join('\n  ')}`;
}

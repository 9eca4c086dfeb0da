/** A test file that cannot be run: every problem with the file name, JSON pointer and line. */
import type { MockConfigIssue } from '../mocks/mock-config-error.js';

export class TestFileError extends Error {
  override readonly name = 'TestFileError';
  constructor(
    readonly file: string,
    readonly issues: readonly MockConfigIssue[],
  ) {
    super(
      `Invalid test file${issues.length > 1 ? ` (${issues.length} problems)` : ''}\n  ` +
        issues.map((i) => `${file}${i.line === undefined ? '' : `:${i.line}:${i.column ?? 1}`} at ${i.pointer || '/'}: ${i.message}`).join('\n  '),
    );
  }
}

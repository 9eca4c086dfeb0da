/** Where the CLI writes and reads, injectable so tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly color: boolean;
  /** Aborts --watch. */
  readonly signal?: AbortSignal;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && process.env['NO_COLOR'] === undefined,
  };
}

/** A usage error: printed with the command's help, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

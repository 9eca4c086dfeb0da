/** The `stepwise` command: dispatches `run` and `test`, maps errors to exit statuses. */
import { isMockConfigError, TestFileError } from '@stepwise/testing';
import { RUN_USAGE, runCommand } from './commands/run-command.js';
import { TEST_USAGE, testCommand } from './commands/test-command.js';
import { UsageError, type CliIo } from './io.js';

const USAGE = `Usage: stepwise <command> [options]

Commands:
  run <definition>   run a state machine in memory and print the result as JSON
  test [paths...]    run Stepwise test files (mocks, expectations, coverage)

Run "stepwise <command> --help" for a command's options.`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'run':
        return await runCommand(rest, io);
      case 'test':
        return await testCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.stdout(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const usage = command === 'run' ? RUN_USAGE : command === 'test' ? TEST_USAGE : USAGE;
      io.stderr(`stepwise: ${(e as Error).message}\n\n${usage}\n`);
      return 2;
    }
    if (isMockConfigError(e) || e instanceof TestFileError) {
      io.stderr(`${e.message}\n`);
      return 1;
    }
    io.stderr(`stepwise: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/**
 * A service's entry point reads its configuration once; a bad configuration is the operator's
 * to fix, so it is reported as the message alone (no stack) and the process exits with 2, apart
 * from 1 (a crash), so a supervisor or script can tell "fix the environment" from "a bug".
 */
import { ConfigError, loadConfig } from './load.js';
import type { Config } from './schema.js';

export interface ExitIo {
  readonly stderr: { write(text: string): unknown };
  readonly exit: (code: number) => never;
}

export const CONFIG_ERROR_EXIT_CODE = 2;

export function loadConfigOrExit(env: Readonly<Record<string, string | undefined>>, io: ExitIo = { stderr: process.stderr, exit: (code) => process.exit(code) }): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    io.stderr.write(`${e.message}\n`);
    return io.exit(CONFIG_ERROR_EXIT_CODE);
  }
}

/**
 * `stepwise run <definition.json>`: runs a state machine in memory and prints the result as JSON
 * (status, output or error and cause; `--history` adds the events). Mocks come from a
 * MockConfigFile and a test case; other tasks go to the `--handlers` module (resource → function,
 * as runInMemory takes them). Waits and retry back-offs are instant unless `--real-time`.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { runInMemory, type Json, type TaskHandler } from '@stepwise/asl';
import { loadMockConfig, mockTaskHandler, selectTestCase } from '@stepwise/testing';
import { UsageError, type CliIo } from '../io.js';

export const RUN_USAGE = `Usage: stepwise run <definition.json|yaml> [options]

Runs the state machine in memory and prints {status, output | error, cause} as JSON.

Options:
  --input <json>             execution input (default {})
  --input-file <file>        read the execution input from a file
  --handlers <module>        module whose default export maps resources to handler functions
  --mock-config <file>       an AWS MockConfigFile
  --test-case <name>         the test case of the mock configuration to use
  --state-machine-name <n>   the name mocks are looked up by (default: the file name)
  --real-time                run Waits and retry back-offs on the real clock
  --history                  include the execution history in the output
  -h, --help                 show this help
Exit status: 0 when the execution succeeded, 1 when it did not, 2 on a usage error.`;

export async function runCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      input: { type: 'string' },
      'input-file': { type: 'string' },
      handlers: { type: 'string' },
      'mock-config': { type: 'string' },
      'test-case': { type: 'string' },
      'state-machine-name': { type: 'string' },
      'real-time': { type: 'boolean', default: false },
      history: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout(`${RUN_USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('stepwise run takes exactly one definition file');
  if (values.input !== undefined && values['input-file'] !== undefined) throw new UsageError('give --input or --input-file, not both');
  if ((values['mock-config'] === undefined) !== (values['test-case'] === undefined)) throw new UsageError('--mock-config and --test-case go together');

  const path = resolve(io.cwd, file);
  const definitionText = await readFile(path, 'utf8');
  const definition: unknown = /\.ya?ml$/i.test(path) ? parseYaml(definitionText) : definitionText;
  const input = await readInput(values.input, values['input-file'], io.cwd);
  const stateMachineName = values['state-machine-name'] ?? basename(path).replace(/(\.asl)?\.(json|ya?ml)$/i, '');

  let taskHandler;
  const mockFile = values['mock-config'];
  const testCase = values['test-case'];
  if (mockFile !== undefined && testCase !== undefined) {
    const mockPath = resolve(io.cwd, mockFile);
    const config = loadMockConfig(await readFile(mockPath, 'utf8'), mockPath);
    taskHandler = mockTaskHandler({ mocks: selectTestCase(config, stateMachineName, testCase), failUnmocked: false });
  }
  const handlers = values.handlers !== undefined ? await importResourceHandlers(resolve(io.cwd, values.handlers)) : undefined;

  const result = await runInMemory(definition, input, {
    clock: values['real-time'] ? 'real' : 'virtual',
    stateMachineName,
    ...(taskHandler ? { taskHandler } : {}),
    ...(handlers ? { handlers } : {}),
  });
  const printed = {
    status: result.status,
    ...(result.output !== undefined ? { output: result.output } : {}),
    ...(result.error !== undefined ? { error: result.error } : {}),
    ...(result.cause !== undefined ? { cause: result.cause } : {}),
    ...(values.history ? { events: result.events } : {}),
  };
  io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  return result.status === 'SUCCEEDED' ? 0 : 1;
}

async function readInput(inline: string | undefined, file: string | undefined, cwd: string): Promise<Json> {
  const text = inline ?? (file !== undefined ? await readFile(resolve(cwd, file), 'utf8') : undefined);
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new UsageError(`the input is not valid JSON: ${(e as Error).message}`);
  }
}

async function importResourceHandlers(file: string): Promise<Record<string, TaskHandler>> {
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  const table = (mod.default ?? mod) as Record<string, unknown>;
  for (const [k, v] of Object.entries(table)) if (typeof v !== 'function') throw new UsageError(`${file}: the handler '${k}' is not a function`);
  return table as Record<string, TaskHandler>;
}

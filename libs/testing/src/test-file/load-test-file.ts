/**
 * Reads a test file from disk (JSON or YAML) with the files it names (definition, MockConfigFile;
 * paths are relative to the test file) into a LoadedSuite the runner executes. Every problem is
 * a TestFileError or MockConfigError naming the file, the JSON pointer and the line.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Json } from '@stepwise/asl';
import { locatePointer, pointerAppend } from '../json-pointer.js';
import { MockConfigError } from '../mocks/mock-config-error.js';
import type { MockConfig, MockTestCase } from '../mocks/mock-config-types.js';
import { loadMockConfig, parseMockConfig } from '../mocks/parse-mock-config.js';
import { selectTestCase } from '../mocks/resolve-mock.js';
import { inlineTestCase } from '../mocks/inline-mocks.js';
import { TestFileError } from './test-file-error.js';
import type { Expectations, TestFileSpec } from './types.js';
import { validateTestFile } from './validate-test-file.js';

export interface LoadedCase {
  readonly name: string;
  readonly input: Json;
  readonly mocks?: MockTestCase;
  readonly expect: Expectations;
  readonly skip: boolean;
  readonly only: boolean;
  /** Runs only in memory: an executor on a server (`--endpoint`) skips it. */
  readonly memoryOnly?: boolean;
}

export interface LoadedSuite {
  readonly file: string;
  /** The name mocks are looked up by (`StateMachines.<name>`), and coverage is reported under. */
  readonly stateMachineName: string;
  readonly definition: Json;
  readonly definitionFile?: string;
  readonly mockConfig?: MockConfig;
  readonly mockConfigFile?: string;
  /** Absolute path of the handlers module, when the file names one. */
  readonly handlersFile?: string;
  readonly cases: readonly LoadedCase[];
}

export function isTestFileName(name: string): boolean {
  return /\.(sfn-)?test\.(json|ya?ml)$/i.test(name) || /\.stepwise\.(json|ya?ml)$/i.test(name);
}

export async function loadTestFile(file: string): Promise<LoadedSuite> {
  const text = await readFile(file, 'utf8');
  return loadTestText(text, file);
}

function parseText(text: string, file: string): unknown {
  try {
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new TestFileError(file, [{ pointer: '', message: `not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}` }]);
  }
}

/** Loads a test file from its text; the paths it names resolve against `file`'s folder. */
export async function loadTestText(text: string, file: string): Promise<LoadedSuite> {
  const checked = validateTestFile(parseText(text, file));
  const located = (pointer: string, message: string) => ({ pointer, message, ...locatePointer(text, pointer) });
  if (!checked.ok) throw new TestFileError(file, checked.issues.map((i) => located(i.pointer, i.message)));
  const spec: TestFileSpec = checked.spec;
  const dir = dirname(file);

  const sm = spec.stateMachine;
  const defSource = typeof sm === 'string' ? sm : sm.definition;
  let definition: Json;
  let definitionFile: string | undefined;
  if (typeof defSource === 'string') {
    definitionFile = resolve(dir, defSource);
    definition = await readJsonFile(definitionFile, file, located(typeof sm === 'string' ? '/stateMachine' : '/stateMachine/definition', ''));
  } else {
    definition = defSource;
  }
  const stateMachineName =
    (typeof sm === 'object' ? sm.name : undefined) ?? (definitionFile ? basename(definitionFile).replace(/(\.asl)?\.(json|ya?ml)$/i, '') : basename(file).replace(/(\.(sfn-)?test|\.stepwise)?\.(json|ya?ml)$/i, ''));

  let mockConfig: MockConfig | undefined;
  let mockConfigFile: string | undefined;
  if (typeof spec.mocks === 'string') {
    mockConfigFile = resolve(dir, spec.mocks);
    let mockText: string;
    try {
      mockText = await readFile(mockConfigFile, 'utf8');
    } catch (e) {
      throw new TestFileError(file, [located('/mocks', `cannot read the mock configuration ${mockConfigFile}: ${(e as Error).message}`)]);
    }
    mockConfig = loadMockConfig(mockText, mockConfigFile);
  } else if (spec.mocks !== undefined) {
    try {
      mockConfig = parseMockConfig(spec.mocks, file);
    } catch (e) {
      if (!(e instanceof MockConfigError)) throw e;
      throw new MockConfigError(file, e.issues.map((i) => located(`/mocks${i.pointer}`, i.message)));
    }
  }

  const cases: LoadedCase[] = spec.cases.map((c, i) => {
    const p = pointerAppend('/cases', i);
    let mocks: MockTestCase | undefined;
    try {
      if (c.testCase !== undefined && mockConfig) mocks = selectTestCase(mockConfig, stateMachineName, c.testCase);
      if (c.mocks !== undefined) {
        mocks = inlineTestCase(mocks, c.mocks, mockConfig, { stateMachineName, testCaseName: c.testCase ?? c.name, source: file, pointer: pointerAppend(p, 'mocks') });
      }
    } catch (e) {
      if (!(e instanceof MockConfigError)) throw e;
      const where = e.file === file ? e.issues : e.issues.map((is) => ({ ...is, message: `${is.message} (${e.file} at ${is.pointer})`, pointer: pointerAppend(p, 'testCase') }));
      throw new TestFileError(file, where.map((is) => located(is.pointer, is.message)));
    }
    const loaded: LoadedCase = { name: c.name, input: c.input ?? {}, expect: c.expect, skip: c.skip ?? false, only: c.only ?? false, memoryOnly: c.memoryOnly ?? false };
    return mocks ? { ...loaded, mocks } : loaded;
  });

  const suite: LoadedSuite = { file, stateMachineName, definition, cases };
  return {
    ...suite,
    ...(definitionFile ? { definitionFile } : {}),
    ...(mockConfig ? { mockConfig } : {}),
    ...(mockConfigFile ? { mockConfigFile } : {}),
    ...(spec.handlers !== undefined ? { handlersFile: resolve(dir, spec.handlers) } : {}),
  };
}

async function readJsonFile(path: string, from: string, at: { pointer: string; line?: number; column?: number }): Promise<Json> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new TestFileError(from, [{ ...at, message: `cannot read the definition ${path}: ${(e as Error).message}` }]);
  }
  try {
    return (/\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text)) as Json;
  } catch (e) {
    throw new TestFileError(path, [{ pointer: '', message: `not valid JSON: ${(e as Error).message}` }]);
  }
}
